import type { Metadata } from "next";
import { Invitations } from "@/components/team/invitations";
import { CreateCompany, DeleteCompany, LeaveCompany } from "@/components/team/leave-or-delete";
import { MembersTable } from "@/components/team/members-table";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount } from "@/lib/auth/accounts";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { mailConfigured } from "@/lib/mail/mail";
import { listInvitations } from "@/lib/teams/invitations";
import { listMembers } from "@/lib/teams/members";

export const metadata: Metadata = { title: "Team · LeadRank" };

export default async function TeamPage() {
  const principal = await requirePrincipal();
  const owner = can(principal, "members:manage");
  const [members, invitations, account] = await Promise.all([listMembers(principal), owner ? listInvitations(principal) : [], getAccount(principal)]);
  const companyName = account?.company.name ?? "this company";
  return (
    <>
      <PageHeader
        title="Team"
        description={owner ? "Who can work in this company, and what each may do." : `The people of ${companyName}. Owners invite people and change roles.`}
      />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 font-semibold text-slate-900">
          Members ({members.length})
        </h2>
        <MembersTable members={members} me={principal.userId} canManage={owner} />
      </section>
      {owner ? (
        <section aria-labelledby="invite-heading" className="mt-8">
          <h2 id="invite-heading" className="mb-3 font-semibold text-slate-900">
            Invite someone
          </h2>
          <Invitations pending={invitations} mailConfigured={mailConfigured()} />
        </section>
      ) : null}
      <section aria-labelledby="another-heading" className="mt-8 rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 id="another-heading" className="font-semibold text-slate-900">
          Another company
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          Working for several clients? Create a company for each: you own it, its leads stay apart, and the menu at the top switches between them.
        </p>
        <CreateCompany />
      </section>
      <section aria-labelledby="leave-heading" className="mt-8 rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 id="leave-heading" className="mb-2 font-semibold text-slate-900">
          Leave {companyName}
        </h2>
        {principal.role === "owner" && members.filter((m) => m.role === "owner").length === 1 ? (
          <p className="text-sm text-slate-600">You are the only owner: make someone else an owner before you leave, or delete the company below.</p>
        ) : (
          <LeaveCompany companyName={companyName} onlyCompany={(account?.companies.length ?? 1) === 1} />
        )}
      </section>
      {can(principal, "company:delete") ? (
        <section aria-labelledby="delete-heading" className="mt-8 rounded-lg bg-white p-5 ring-1 ring-red-200">
          <h2 id="delete-heading" className="mb-2 font-semibold text-red-800">
            Delete {companyName}
          </h2>
          <DeleteCompany companyName={companyName} />
        </section>
      ) : null}
    </>
  );
}
