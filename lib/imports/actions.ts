"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/actions";
import { findSavedMapping } from "./create-import";

/** The mapping (and outcome choices) this company used last for a file with these headers, if any. */
export const savedMappingFor = tenantAction("imports:write", z.array(z.string().max(1000)).max(1000), async ({ companyId }, headers) => findSavedMapping(companyId, headers));
