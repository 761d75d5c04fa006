import { NextResponse } from "next/server";
import { notFound, withTenant } from "@/lib/http";
import { getImport } from "@/lib/imports/imports";
import { liveImport } from "@/lib/imports/progress";
import { undoImport } from "@/lib/imports/undo-import";

export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const found = liveImport(companyId, id) ?? (await getImport(companyId, id));
  return found ? NextResponse.json({ import: found }) : notFound("This import");
}, { permission: "leads:read" });

/** Undo the import. */
export const DELETE = withTenant<{ id: string }>(async (_request, principal, { id }) => {
  const { companyId } = principal;
  if (!(await getImport(companyId, id))) return notFound("This import");
  await undoImport(companyId, id, principal);
  return NextResponse.json({ import: await getImport(companyId, id) });
}, { permission: "imports:write" });
