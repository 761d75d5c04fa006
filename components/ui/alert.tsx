import type { ReactNode } from "react";

export function Alert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "info" }) {
  const colours = tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-indigo-50 text-indigo-900 ring-indigo-200";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md p-3 text-sm ring-1 ring-inset ${colours}`}>
      {children}
    </div>
  );
}
