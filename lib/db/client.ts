import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type DatabaseKind = "postgres" | "pglite";

/**
 * DATABASE_URL names an external PostgreSQL server. Without it, LeadRank's start script
 * runs the embedded database and hands its address to the app in LEADRANK_EMBEDDED_URL.
 */
export function databaseTarget(): { url: string; kind: DatabaseKind } {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, kind: "postgres" };
  if (process.env.LEADRANK_EMBEDDED_URL) return { url: process.env.LEADRANK_EMBEDDED_URL, kind: "pglite" };
  throw new Error(
    "No database configured. Set DATABASE_URL, or start LeadRank with `npm start`, `npm run dev` or `npm run demo`, which run the embedded database.",
  );
}

/**
 * Session settings on a PostgreSQL server. LeadRank's queries are short and index-driven:
 * compiling them (JIT) and starting parallel workers cost more than they save (measured on
 * 1M leads: the top 10 took 56–127 ms that way, 0.1 ms without). Scans of a whole company
 * still go parallel. The embedded database has neither, and takes no startup options.
 */
export function sessionOptions(target = databaseTarget()): string | undefined {
  return target.kind === "postgres" ? "-c jit=off -c parallel_setup_cost=10000" : undefined;
}

export function createPrismaClient(target = databaseTarget()): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: target.url,
    // The embedded server is one session: it serves one connection's exchange or transaction
    // at a time (lib/db/embedded-queue.ts), so the app keeps to one connection there, and a
    // request waits (up to the 60 s of heavy work) while an import's transaction holds it.
    max: target.kind === "pglite" ? 1 : 10,
    connectionTimeoutMillis: target.kind === "pglite" ? 60_000 : 5_000,
    options: sessionOptions(target),
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as { leadrankPrisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.leadrankPrisma ??= createPrismaClient();
  return globalForPrisma.leadrankPrisma;
}

/** The app's one Prisma client, created on first use so that building the app needs no database. */
export const prisma = new Proxy({} as PrismaClient, {
  get(_, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});
