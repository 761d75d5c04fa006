import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { runHeavy } from "@/lib/threads/heavy";

/**
 * A better model fitted on the company's won and lost leads, with 5-fold cross-validated AUCs
 * and its differences from the active model; 409 `not_enough_outcomes` below 50 won and 50 lost.
 */
export const POST = withTenant(async ({ principal }) => NextResponse.json(await runHeavy("suggestion", { companyId: principal.companyId })), { permission: "models:edit" });
