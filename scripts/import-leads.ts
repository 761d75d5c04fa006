/**
 * Two ways to import a CSV or an Excel workbook (.xlsx; `--sheet` names the sheet, else the
 * first sheet with leads is imported) of leads, or with `--kind activities` of what leads did:
 *
 *   npm run leads:import -- --url https://leadrank.example --token lr_… --file <csv> [--kind activities] [--mapping JSON] [--sheet NAME]
 *     uploads it to a running LeadRank server with an API token (role member or owner) and
 *     follows the import's progress until it is done;
 *
 *   npm run leads:import -- --email <account> [--company <name or id>] --file <csv> [--kind activities] [--mapping JSON] [--sheet NAME]
 *     imports it straight into the database (DATABASE_URL, or the embedded database in the data
 *     folder: stop the app first), into the account's company (`--company` when it has several).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { dataDir, loadDotEnv } from "@/lib/env";

loadDotEnv();
const { values } = parseArgs({
  options: { email: { type: "string" }, company: { type: "string" }, file: { type: "string" }, kind: { type: "string" }, mapping: { type: "string" }, sheet: { type: "string" }, url: { type: "string" }, token: { type: "string" } },
});
if (!values.file || !(values.email || (values.url && values.token))) {
  console.error("Usage: npm run leads:import -- --url <LeadRank address> --token lr_… --file <csv or xlsx> [--kind leads|activities] [--mapping JSON] [--sheet NAME]");
  console.error("   or: npm run leads:import -- --email <account> [--company <name or id>] --file <csv or xlsx> [--kind leads|activities] [--mapping JSON] [--sheet NAME]");
  process.exit(2);
}
if (!fs.existsSync(values.file)) {
  console.error(`No such file: ${values.file}`);
  process.exit(2);
}
if (values.url && values.token) {
  const { importOverHttp } = await import("./import-over-http");
  process.exit(await importOverHttp({ url: values.url, token: values.token, file: values.file, kind: values.kind, mapping: values.mapping, sheet: values.sheet }));
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
const { uploadFields } = await import("@/lib/imports/schemas");
const { emailSchema } = await import("@/lib/auth/schemas");
const { describeImport } = await import("./import-over-http");
/** A reason this command stops, said in a sentence. */
class CommandError extends Error {}

let exitCode = 1;
try {
  const account = await prisma.user.findUnique({
    where: { email: emailSchema.parse(values.email) },
    select: { id: true, memberships: { select: { companyId: true, company: { select: { name: true } } } } },
  });
  if (!account) throw new CommandError(`No LeadRank account uses ${values.email}.`);
  const companies = values.company ? account.memberships.filter((m) => m.companyId === values.company || m.company.name === values.company) : account.memberships;
  if (companies.length !== 1) {
    throw new CommandError(`${values.email} belongs to ${account.memberships.map((m) => `"${m.company.name}"`).join(", ")}: name one with --company.`);
  }
  const user = { id: account.id, companyId: companies[0].companyId };
  const fields = uploadFields.safeParse({ kind: values.kind, mapping: values.mapping, sheet: values.sheet });
  if (!fields.success) throw new CommandError(fields.error.issues[0].message);
  const started = performance.now();
  const id = await createImport({
    companyId: user.companyId,
    userId: user.id,
    fileName: path.basename(values.file),
    source: fs.createReadStream(values.file, { highWaterMark: 1 << 20 }),
    ...fields.data,
  });
  console.log(`Importing ${values.file} (import ${id})…`);
  await processImport(id);
  const result = (await getImport(user.companyId, id))!;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== "succeeded") throw new CommandError(result.error ?? "The import failed.");
  console.log(describeImport(seconds, result));
  let shown = 0;
  for await (const page of rejectedRows(user.companyId, id)) {
    for (const row of page.slice(0, 10 - shown)) console.log(`  row ${row.row}: ${row.reason}`);
    shown += Math.min(page.length, 10 - shown);
    if (shown >= 10) break;
  }
  if (result.rejectedCount > shown) console.log(`  … and ${result.rejectedCount - shown} more (download them from the Imports page).`);
  exitCode = 0;
} catch (error) {
  console.error(error instanceof CommandError ? error.message : error);
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
}
process.exit(exitCode);
