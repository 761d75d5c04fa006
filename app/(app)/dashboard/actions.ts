"use server";

import { redirect } from "next/navigation";
import { requireTenant } from "@/lib/auth/session";
import { enqueueImport } from "@/lib/imports/queue";
import { createSampleImport } from "@/lib/sample-data/import-sample";

/** "Try with sample data": imports 10,000 generated leads into this company, then shows the import's progress. */
export async function trySampleData(): Promise<void> {
  const { companyId, userId } = await requireTenant();
  const importId = await createSampleImport(companyId, userId);
  await enqueueImport(importId);
  redirect(`/imports/${importId}`);
}
