"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/actions";
import { findSavedMapping } from "./create-import";
import { IMPORT_KINDS } from "./schemas";

const savedMappingQuery = z.object({ headers: z.array(z.string().max(1000)).max(1000), kind: z.enum(IMPORT_KINDS).default("leads") });

/** The mapping (and outcome choices) this company used last for a file of this kind with these headers, if any. */
export const savedMappingFor = tenantAction("imports:write", savedMappingQuery, async ({ companyId }, { headers, kind }) => findSavedMapping(companyId, headers, kind));
