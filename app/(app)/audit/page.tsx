import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, auditQuery, listAudit } from "@/lib/audit/audit";
import { requirePrincipal } from "@/lib/auth/session";
import { ScrollArea } from "@/components/ui/scroll-area";

export const metadata: Metadata = { title: "Audit log · LeadRank" };

const LABELS: Record<(typeof AUDIT_ACTIONS)[number], string> = {
  sign_in: "Signed in",
  "import.create": "Imported a file",
  "import.undo": "Undid an import",
  "outcome.set": "Set outcomes",
  "activities.add": "Sent activities",
  "model.create": "Created a model",
  "model.draft_save": "Saved a draft",
  "model.draft_discard": "Discarded a draft",
  "model.restore": "Restored a version as a draft",
  "model.publish": "Published a model",
  "model.activate": "Chose the active model",
  "rescore.retry": "Retried a re-score",
  "invitation.create": "Invited someone",
  "invitation.resend": "Resent an invitation",
  "invitation.revoke": "Revoked an invitation",
  "invitation.accept": "Joined by invitation",
  "member.role": "Changed a role",
  "member.remove": "Removed a member",
  "member.leave": "Left the company",
  "token.create": "Created an API token",
  "token.revoke": "Revoked an API token",
  "password.change": "Changed their password",
  "password.reset": "Reset their password",
  "company.create": "Created the company",
  "company.delete": "Deleted the company",
};

function describe(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

/** The owners' record of who did what, when and from where, newest first, with filters. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePrincipal("audit:read");
  const params = await searchParams;
  const query = auditQuery.safeParse(params);
  const filters = query.success ? query.data : { page: 1 };
  const { events, total, page } = await listAudit(principal.companyId, filters);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const link = (to: number) => `/audit?${new URLSearchParams({ ...(filters.action ? { action: filters.action } : {}), ...(filters.user ? { user: filters.user } : {}), page: String(to) })}`;
  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, import, undo, outcome change, publish, invitation, role change, removal and token, with who, when and from where." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-label="Filter the audit log">
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className="mt-1 block rounded-md border-0 py-2 pl-3 pr-8 ring-1 ring-inset ring-slate-300 sm:text-sm">
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {LABELS[action]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-user" className="block text-sm font-medium text-slate-800">
            Person (email)
          </label>
          <input id="audit-user" name="user" type="search" defaultValue={filters.user ?? ""} className="mt-1 block rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300 sm:text-sm" />
        </div>
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          Filter
        </button>
      </form>
      {events.length === 0 ? (
        <EmptyState title="Nothing recorded here">{filters.action || filters.user ? "No event matches these filters." : "Changes to this company will appear here."}</EmptyState>
      ) : (
        <ScrollArea label="Audit events" className="rounded-lg bg-white ring-1 ring-slate-200">
          <table className="min-w-[40rem] text-sm sm:min-w-full" aria-label="Audit events">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th className="px-4 py-2">When (UTC)</th>
                <th className="px-4 py-2">Who</th>
                <th className="px-4 py-2">What</th>
                <th className="px-4 py-2">Address</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((event) => (
                <tr key={event.id} data-testid="audit-row">
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{event.at.slice(0, 19).replace("T", " ")}</td>
                  <td className="px-4 py-2">
                    <span className="break-all">{event.user.email ?? "LeadRank"}</span>
                    {event.token ? <span className="block text-xs text-slate-500">with token {event.token.name ?? "(revoked)"}</span> : null}
                  </td>
                  <td className="px-4 py-2">
                    <span className="font-medium text-slate-900">{LABELS[event.action] ?? event.action}</span>
                    {Object.keys(event.detail).length ? <span className="block break-all text-xs text-slate-500">{describe(event.detail)}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 font-mono text-xs text-slate-600">{event.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {total.toLocaleString("en-US")} event{total === 1 ? "" : "s"} · page {page} of {pages}
        </span>
        <span className="flex gap-3">
          {page > 1 ? <Link href={link(page - 1)}>← Newer</Link> : null}
          {page < pages ? <Link href={link(page + 1)}>Older →</Link> : null}
        </span>
      </nav>
    </>
  );
}
