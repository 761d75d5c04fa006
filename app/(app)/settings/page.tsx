import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount } from "@/lib/auth/accounts";
import { requireTenant } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings · LeadRank" };

export default async function SettingsPage() {
  const account = await getAccount(await requireTenant());
  return (
    <>
      <PageHeader title="Settings" description="Your company account and how LeadRank scores your leads." />
      <dl className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
        {[
          ["Company", account?.company.name],
          ["Signed in as", `${account?.name} (${account?.email})`],
        ].map(([label, value]) => (
          <div key={label} className="grid gap-1 px-5 py-4 sm:grid-cols-3">
            <dt className="text-sm font-medium text-slate-600">{label}</dt>
            <dd className="break-words text-sm text-slate-900 sm:col-span-2">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
