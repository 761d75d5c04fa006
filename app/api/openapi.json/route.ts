import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

/** The OpenAPI 3.1 document of LeadRank's JSON API (public: it describes, it holds no data). */
export function GET(request: Request) {
  return NextResponse.json(openApiDocument(process.env.NEXTAUTH_URL || new URL(request.url).origin));
}
