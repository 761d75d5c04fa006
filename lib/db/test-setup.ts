import { afterAll, inject } from "vitest";
import { prisma } from "./client";

// Point the app's Prisma client at the database the global setup prepared.
if (inject("databaseKind") === "postgres") process.env.DATABASE_URL = inject("databaseUrl");
else process.env.LEADRANK_EMBEDDED_URL = inject("databaseUrl");

afterAll(() => prisma.$disconnect());
