import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { RescoreNotice } from "@/components/scoring/rescore-progress";
import { AppShell } from "@/components/shell/app-shell";
import { getAccount } from "@/lib/auth/accounts";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { getPendingScoringJob } from "@/lib/models/publish";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const tenant = await requirePrincipal();
  const [account, rescoring] = await Promise.all([getAccount(tenant), getPendingScoringJob(tenant.companyId)]);
  // A session whose user no longer exists is treated as signed out.
  if (!account) redirect("/api/auth/signout");
  return (
    <AppShell
      companies={account.companies}
      activeCompanyId={tenant.companyId}
      userName={account.name}
      showAudit={can(tenant, "audit:read")}
      notice={rescoring ? <RescoreNotice key={rescoring.id} job={rescoring} /> : null}
    >
      {children}
    </AppShell>
  );
}
