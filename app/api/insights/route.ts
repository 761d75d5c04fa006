import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http";
import { runHeavy } from "@/lib/threads/heavy";

/** How well the active model's score predicts the company's won and lost leads. */
export const GET = withTenant(async ({ principal }) => NextResponse.json(await runHeavy("insights", { companyId: principal.companyId })), { permission: "leads:read" });
