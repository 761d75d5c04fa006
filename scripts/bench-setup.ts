/** What the benchmarks share: a database (DATABASE_URL, or a fresh embedded one in `dir`), migrated. */
import path from "node:path";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export async function benchDatabase(dir: string) {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase({ dataDir: path.join(dir, "db") });
  if (embedded) process.env.LEADRANK_EMBEDDED_URL = embedded.url;
  await migrate(process.env.DATABASE_URL || embedded!.url);
  return { label: embedded ? "embedded PGlite" : "PostgreSQL (DATABASE_URL)", stop: async () => embedded?.stop() };
}
