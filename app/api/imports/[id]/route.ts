import { NextResponse } from "next/server";
import { notFound } from "@/lib/errors";
import { idParam, withTenant } from "@/lib/http";
import { getImport } from "@/lib/imports/imports";
import { liveImport } from "@/lib/imports/progress";
import { undoImport } from "@/lib/imports/undo-import";

export const GET = withTenant(async ({ principal: { companyId }, params: { id } }) => {
  const found = liveImport(companyId, id) ?? (await getImport(companyId, id));
  if (!found) throw notFound("This import");
  return NextResponse.json({ import: found });
}, { permission: "leads:read", params: idParam("This import") });

/** Undo the import. */
export const DELETE = withTenant(async ({ principal, params: { id } }) => {
  if (!(await getImport(principal.companyId, id))) throw notFound("This import");
  await undoImport(principal.companyId, id, principal);
  return NextResponse.json({ import: await getImport(principal.companyId, id) });
}, { permission: "imports:write", params: idParam("This import") });
