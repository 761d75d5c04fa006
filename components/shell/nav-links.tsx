"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/leads", label: "Leads" },
  { href: "/imports", label: "Imports" },
  { href: "/scoring", label: "Scoring" },
  { href: "/insights", label: "Insights" },
  { href: "/team", label: "Team" },
  { href: "/audit", label: "Audit log" },
  { href: "/settings", label: "Settings" },
];

export function NavLinks({ showAudit }: { showAudit: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mx-1 flex flex-wrap gap-x-1">
      {links.filter(({ href }) => showAudit || href !== "/audit").map(({ href, label }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium sm:px-3 ${
              active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
