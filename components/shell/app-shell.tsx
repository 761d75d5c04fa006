import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppShell({ companyName, userName, notice, children }: { companyName: string; userName: string; notice?: ReactNode; children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/dashboard" aria-label="LeadRank dashboard">
            <Logo />
          </Link>
          <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
            <NavLinks />
          </div>
          <div className="ml-auto flex min-w-0 items-center gap-3">
            <div className="min-w-0 max-w-[9rem] text-right leading-tight sm:max-w-xs">
              <p className="truncate text-sm font-semibold text-slate-900" data-testid="company-name">
                {companyName}
              </p>
              <p className="truncate text-xs text-slate-500">{userName}</p>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {notice}
        {children}
      </main>
    </div>
  );
}
