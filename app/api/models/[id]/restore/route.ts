import { NextResponse } from "next/server";
import { restoreBody } from "@/lib/api/schemas";
import { jsonError, readJson, withTenant } from "@/lib/http";
import { restoreVersion } from "@/lib/models/models";

/** Makes a draft from a published version: `{ version }`. */
export const POST = withTenant<{ id: string }>(async (request, principal, { id }) => {
  const body = restoreBody.safeParse(await readJson(request));
  if (!body.success) return jsonError(400, "bad_request", "Send { version } with the number of a published version.");
  return NextResponse.json({ model: await restoreVersion(principal.companyId, id, body.data.version, principal) });
}, { permission: "models:edit" });
