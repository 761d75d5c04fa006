import { NextResponse } from "next/server";
import { restoreBody } from "@/lib/api/schemas";
import { idParam, withTenant } from "@/lib/http";
import { restoreVersion } from "@/lib/models/models";

/** Makes a draft from a published version: `{ version }`. */
export const POST = withTenant(
  async ({ principal, params: { id }, body }) => NextResponse.json({ model: await restoreVersion(principal.companyId, id, body.version, principal) }),
  { permission: "models:edit", params: idParam("This model"), body: restoreBody },
);
