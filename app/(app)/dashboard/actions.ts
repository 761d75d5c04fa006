"use server";

import { redirect } from "next/navigation";
import { requireTenant } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { enqueueImport } from "@/lib/imports/queue";
import { createSampleImport } from "@/lib/sample-data/import-sample";

/**
 * "Try with sample data": imports 10,000 generated leads into this company, then shows the
 * import's progress. While one is already on its way, shows the imports instead of a second.
 */
export async function trySampleData(): Promise<void> {
  const { companyId, userId } = await requireTenant();
  let importId: string;
  try {
    importId = await createSampleImport(companyId, userId);
  } catch (error) {
    if (error instanceof AppError && error.code === "sample_running") redirect("/imports");
    throw error;
  }
  await enqueueImport(importId);
  redirect(`/imports/${importId}`);
}
