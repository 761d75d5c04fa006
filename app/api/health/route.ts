import { NextResponse } from "next/server";
import { databaseTarget, prisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = databaseTarget().kind;
  try {
    await prisma.$queryRaw`SELECT 1`;
    return NextResponse.json({ ok: true, db });
  } catch {
    return NextResponse.json(
      { ok: false, db, error: { code: "database_unavailable", message: "The database is not reachable." } },
      { status: 503 },
    );
  }
}
