"use server";

import { redirect } from "next/navigation";
import { requirePrincipal } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { enqueueImport } from "@/lib/imports/queue";
import { createSampleImport, unfinishedSampleImport } from "@/lib/sample-data/import-sample";

/**
 * "Try with sample data": imports 10,000 generated leads into this company, then shows the
 * import's progress. While one is already on its way, shows that one instead of starting a second.
 */
export async function trySampleData(): Promise<void> {
  const { companyId, userId } = await requirePrincipal("imports:write");
  let importId: string;
  try {
    importId = await createSampleImport(companyId, userId);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "sample_running")) throw error;
    // A second click, or another tab: show the import already on its way.
    const running = await unfinishedSampleImport(companyId);
    redirect(running ? `/imports/${running}` : "/imports");
  }
  await enqueueImport(importId);
  redirect(`/imports/${importId}`);
}
