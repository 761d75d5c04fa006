"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A table or block that may be wider than the screen: it scrolls sideways, a keyboard can reach
 * it (it takes focus, then the arrow keys scroll it) whenever it is wider than its box, it is
 * named for screen readers, and while columns are hidden to the right a fade and a line of text
 * say so.
 */
export function ScrollArea({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState({ overflows: false, moreToTheRight: false });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const update = () => {
      const overflows = element.scrollWidth > element.clientWidth + 1;
      const moreToTheRight = overflows && element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setState((was) => (was.overflows === overflows && was.moreToTheRight === moreToTheRight ? was : { overflows, moreToTheRight }));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    element.addEventListener("scroll", update, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", update);
    };
  }, []);

  return (
    <div>
      <div className={`relative ${className}`}>
        <div
          ref={box}
          role="region"
          aria-label={label}
          tabIndex={state.overflows ? 0 : undefined}
          className="overflow-x-auto rounded-[inherit] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {children}
        </div>
        {state.moreToTheRight ? <div aria-hidden className="pointer-events-none absolute inset-y-0 right-0 w-8 rounded-r-[inherit] bg-gradient-to-l from-white" /> : null}
      </div>
      {state.moreToTheRight ? (
        <p className="mt-1 text-right text-xs text-slate-500" data-testid="scroll-cue">
          More columns to the right: scroll sideways →
        </p>
      ) : null}
    </div>
  );
}
