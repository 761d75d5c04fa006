import { NextResponse } from "next/server";
import { jsonError, readJson, withTenant } from "@/lib/http";
import { restoreVersion } from "@/lib/models/models";

/** Makes a draft from a published version: `{ version }`. */
export const POST = withTenant<{ id: string }>(async (request, { companyId }, { id }) => {
  const { version } = ((await readJson(request)) ?? {}) as { version?: unknown };
  if (!Number.isInteger(version)) return jsonError(400, "bad_request", "Send { version } with the number of a published version.");
  return NextResponse.json({ model: await restoreVersion(companyId, id, version as number) });
}, { permission: "models:edit" });
