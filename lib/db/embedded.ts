import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { shareSessionSafely } from "./embedded-queue";

export type EmbeddedDatabase = {
  url: string;
  stop: () => Promise<void>;
};

export class EmbeddedDatabaseError extends Error {}

/**
 * Starts PostgreSQL (PGlite, in WebAssembly) on a data folder and serves it over the
 * Postgres wire protocol on 127.0.0.1, so the app reaches it exactly as it reaches a
 * real server. `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedDatabase(options: {
  dataDir?: string;
  port?: number;
}): Promise<EmbeddedDatabase> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: options.port ?? 0,
      maxConnections: 32,
    });
    shareSessionSafely(server);
    try {
      await server.start();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
        throw new EmbeddedDatabaseError(
          `Port ${options.port} is already in use, so the embedded database cannot listen on it. ` +
            `Stop the program using it or set LEADRANK_DB_PORT to a free port.`,
        );
      }
      throw error;
    }
    const port = Number(server.getServerConn().split(":").pop());
    const opened = db;
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      stop: async () => {
        await server.stop();
        await opened.close();
        releaseLock();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    releaseLock();
    throw error;
  }
}

/**
 * PGlite corrupts a folder opened by two processes at once, so the folder carries a
 * lock file with the owner's pid. A lock left by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "leadrank.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockFile, "utf8"));
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new EmbeddedDatabaseError(
          `The data folder ${path.resolve(dataDir)} is in use by another LeadRank process (pid ${owner}). ` +
            `Stop it first, or set LEADRANK_DATA_DIR to another folder.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new EmbeddedDatabaseError(`Could not lock the data folder ${path.resolve(dataDir)}.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
