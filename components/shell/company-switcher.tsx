"use client";

import { switchActiveCompany } from "@/lib/teams/actions";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";

type Company = { id: string; name: string; role: string };

/**
 * The active company and the signed-in person's role in it; with more than one company, a
 * menu that switches (the server checks the membership, and every page then shows the new one).
 */
export function CompanySwitcher({ companies, activeId, userName }: { companies: Company[]; activeId: string; userName: string }) {
  const active = companies.find((c) => c.id === activeId)!;
  const role = ROLE_LABELS[active.role as Role] ?? active.role;
  if (companies.length === 1) {
    return (
      <div className="min-w-0 max-w-[9rem] text-right leading-tight sm:max-w-xs">
        <p className="truncate text-sm font-semibold text-slate-900" data-testid="company-name">
          {active.name}
        </p>
        <p className="truncate text-xs text-slate-500">
          {userName} · <span data-testid="role">{role}</span>
        </p>
      </div>
    );
  }
  return (
    <form action={switchActiveCompany} className="min-w-0 max-w-[11rem] text-right leading-tight sm:max-w-xs">
      <label htmlFor="company-switcher" className="sr-only">
        Company
      </label>
      <select
        id="company-switcher"
        name="companyId"
        defaultValue={activeId}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        data-testid="company-name"
        className="w-full truncate rounded-md border-0 bg-transparent py-0.5 pl-1 pr-7 text-right text-sm font-semibold text-slate-900 ring-1 ring-inset ring-slate-200 focus:ring-2 focus:ring-indigo-600"
      >
        {companies.map((company) => (
          <option key={company.id} value={company.id}>
            {company.name}
          </option>
        ))}
      </select>
      <p className="truncate pr-1 text-xs text-slate-500">
        {userName} · <span data-testid="role">{role}</span>
      </p>
      <noscript>
        <button type="submit">Switch</button>
      </noscript>
    </form>
  );
}
