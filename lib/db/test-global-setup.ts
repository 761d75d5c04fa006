import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "./embedded";
import { migrate } from "./migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgres" | "pglite";
  }
}

/**
 * Database tests run against DATABASE_URL when it is set, otherwise against an embedded
 * database in a temporary folder. Either way the migrations are applied first.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  const dataDir = external ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-test-db-"));
  const embedded = dataDir ? await startEmbeddedDatabase({ dataDir }) : undefined;
  const url = external ?? embedded!.url;
  await migrate(url);
  project.provide("databaseUrl", url);
  project.provide("databaseKind", external ? "postgres" : "pglite");
  console.log(`Database tests run against ${external ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${dataDir}`}.`);
  return async () => {
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
