import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { DatabaseUnavailableError } from "@/lib/errors";
import type { Tenant } from "./accounts";
import { authOptions } from "./options";
import { HOME_PATH, PATH_HEADER, SIGN_IN_PATH } from "./paths";

/**
 * The signed-in user and their company for the current request, from the server-side
 * session. This is the only place the app gets a company id from. Read once per request:
 * the layout and the page of one render share the answer (and the session lookup behind it).
 */
export const getTenant = cache(async (): Promise<Tenant | null> => {
  const session = await getServerSession(authOptions);
  if (session?.databaseUnavailable) throw new DatabaseUnavailableError();
  const { id, companyId } = session?.user ?? {};
  return id && companyId ? { userId: id, companyId } : null;
});

/** For pages: the tenant, or a redirect to sign-in that comes back to this page. */
export async function requireTenant(): Promise<Tenant> {
  const tenant = await getTenant();
  if (tenant) return tenant;
  const path = (await headers()).get(PATH_HEADER) ?? HOME_PATH;
  redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(path)}`);
}
