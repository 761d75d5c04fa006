"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { tenantFormAction } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import { enqueueImport } from "@/lib/imports/queue";
import { createSampleImports, unfinishedSampleImport } from "./import-sample";

/**
 * "Try with sample data": imports 10,000 generated leads and their activities into this company, then shows the
 * import's progress. While one is already on its way, shows that one instead of starting a second.
 */
export const trySampleData = tenantFormAction("imports:write", z.object({}), async ({ companyId, userId }) => {
  let imports: { leads: string; activities: string };
  try {
    imports = await createSampleImports(companyId, userId);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "sample_running")) throw error;
    // A second click, or another tab: show the import already on its way.
    const running = await unfinishedSampleImport(companyId);
    redirect(running ? `/imports/${running}` : "/imports");
  }
  // One import of a company runs at a time: the activities follow the leads.
  await enqueueImport(imports.leads);
  await enqueueImport(imports.activities);
  redirect(`/imports/${imports.leads}`);
});
