"use server";

import { z } from "zod";
import { requirePrincipal } from "@/lib/auth/session";
import { findSavedMapping } from "@/lib/imports/create-import";

/** The mapping (and outcome choices) this company used last for a file with these headers, if any. */
export async function savedMappingFor(headers: string[]) {
  const { companyId } = await requirePrincipal("imports:write");
  const parsed = z.array(z.string().max(1000)).max(1000).safeParse(headers);
  return parsed.success ? findSavedMapping(companyId, parsed.data) : null;
}
