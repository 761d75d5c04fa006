/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
import path from "node:path";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { dataDir, loadDotEnv } from "@/lib/env";

loadDotEnv();
const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase({ dataDir: dataDir() });
try {
  const applied = await migrate(process.env.DATABASE_URL || embedded!.url);
  const target = embedded ? `embedded database in ${path.resolve(dataDir())}` : "DATABASE_URL";
  console.log(applied.length ? `Applied to ${target}: ${applied.join(", ")}` : `The ${target} is up to date.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
