import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getAccount } from "@/lib/auth/accounts";
import { requireTenant } from "@/lib/auth/session";
import { redirect } from "next/navigation";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const account = await getAccount(await requireTenant());
  // A session whose user no longer exists is treated as signed out.
  if (!account) redirect("/api/auth/signout");
  return (
    <AppShell companyName={account.company.name} userName={account.name}>
      {children}
    </AppShell>
  );
}
