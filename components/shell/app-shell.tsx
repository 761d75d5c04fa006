import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";
import { CompanySwitcher } from "./company-switcher";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

type Props = {
  companies: { id: string; name: string; role: string }[];
  activeCompanyId: string;
  userName: string;
  /** Owners also see the audit log. */
  showAudit: boolean;
  notice?: ReactNode;
  children: ReactNode;
};

export function AppShell({ companies, activeCompanyId, userName, showAudit, notice, children }: Props) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/dashboard" aria-label="LeadRank dashboard">
            <Logo />
          </Link>
          <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
            <NavLinks showAudit={showAudit} />
          </div>
          <div className="ml-auto flex min-w-0 items-center gap-3">
            <CompanySwitcher companies={companies} activeId={activeCompanyId} userName={userName} />
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
