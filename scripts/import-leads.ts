/**
 * npm run leads:import -- --email <account> --file <csv> [--mapping '["email", null, …]']
 * Imports a CSV into the company of the account, through the same pipeline as the app.
 * Uses DATABASE_URL, or the embedded database in the data folder (stop the app first).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { dataDir, loadDotEnv } from "@/lib/env";

loadDotEnv();
const { values } = parseArgs({ options: { email: { type: "string" }, file: { type: "string" }, mapping: { type: "string" } } });
if (!values.email || !values.file) {
  console.error("Usage: npm run leads:import -- --email <account> --file <csv> [--mapping JSON]");
  process.exit(2);
}
if (!fs.existsSync(values.file)) {
  console.error(`No such file: ${values.file}`);
  process.exit(2);
}

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL && !process.env.LEADRANK_EMBEDDED_URL) {
  try {
    embedded = await startEmbeddedDatabase({ dataDir: dataDir() });
  } catch (error) {
    console.error(`Cannot open the embedded database: ${(error as Error).message}`);
    process.exit(1);
  }
  process.env.LEADRANK_EMBEDDED_URL = embedded.url;
  await migrate(embedded.url);
}

const { prisma } = await import("@/lib/db/client");
const { createImport } = await import("@/lib/imports/create-import");
const { processImport } = await import("@/lib/imports/process-import");
const { getImport, rejectedRows } = await import("@/lib/imports/imports");
const { emailSchema } = await import("@/lib/auth/schemas");
const { AppError } = await import("@/lib/errors");

let exitCode = 1;
try {
  const user = await prisma.user.findUnique({ where: { email: emailSchema.parse(values.email) }, select: { id: true, companyId: true } });
  if (!user) throw new AppError("unknown_account", `No LeadRank account uses ${values.email}.`);
  const started = performance.now();
  const id = await createImport({
    companyId: user.companyId,
    userId: user.id,
    fileName: path.basename(values.file),
    source: fs.createReadStream(values.file, { highWaterMark: 1 << 20 }),
    mapping: values.mapping,
  });
  console.log(`Importing ${values.file} (import ${id})…`);
  await processImport(id);
  const result = (await getImport(user.companyId, id))!;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== "succeeded") throw new AppError("import_failed", result.error ?? "The import failed.");
  console.log(
    `Done in ${seconds} s: ${result.totalRows} rows → ${result.createdCount} created, ${result.updatedCount} updated, ` +
      `${result.rejectedCount} rejected, ${result.duplicateCount} duplicates within the file.`,
  );
  let shown = 0;
  for await (const page of rejectedRows(user.companyId, id)) {
    for (const row of page.slice(0, 10 - shown)) console.log(`  row ${row.row}: ${row.reason}`);
    shown += Math.min(page.length, 10 - shown);
    if (shown >= 10) break;
  }
  if (result.rejectedCount > shown) console.log(`  … and ${result.rejectedCount - shown} more (download them from the Imports page).`);
  exitCode = 0;
} catch (error) {
  console.error(error instanceof AppError ? error.message : error);
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
}
process.exit(exitCode);
