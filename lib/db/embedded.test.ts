import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, startEmbeddedDatabase } from "./embedded";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-embedded-"));

describe("the embedded database", { timeout: 60_000 }, () => {
  it("refuses a data folder that another running process holds, naming that process", async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, "leadrank.lock"), String(process.ppid));
    const start = startEmbeddedDatabase({ dataDir });
    await expect(start).rejects.toBeInstanceOf(EmbeddedDatabaseError);
    await expect(start).rejects.toThrow(`is in use by another LeadRank process (pid ${process.ppid})`);
  });

  it("takes over a lock left by a process that no longer runs, and releases it when stopped", async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, "leadrank.lock"), "999999999");
    const db = await startEmbeddedDatabase({ dataDir });
    expect(fs.readFileSync(path.join(dataDir, "leadrank.lock"), "utf8")).toBe(String(process.pid));
    await db.stop();
    expect(fs.existsSync(path.join(dataDir, "leadrank.lock"))).toBe(false);
  });

  it("says clearly when its port is taken, and releases the folder", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = tempDir();
    try {
      await expect(startEmbeddedDatabase({ dataDir, port })).rejects.toThrow(`Port ${port} is already in use`);
      expect(fs.existsSync(path.join(dataDir, "leadrank.lock"))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it("serves several connections at once without mixing their statements, and a transaction keeps the session to itself", async () => {
    const db = await startEmbeddedDatabase({});
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        return client;
      }),
    );
    try {
      // A parameter of 300 KB arrives in several reads: its Bind must not meet another connection's Parse.
      const big = "x".repeat(300_000);
      const answers = await Promise.all(
        clients.flatMap((client, c) =>
          Array.from({ length: 20 }, (_, q) =>
            q % 2
              ? client.query("SELECT $1::text AS a, $2::int AS b, $3::text AS c", [big, c * 100 + q, "z"]).then(({ rows }) => rows[0].b === c * 100 + q && rows[0].a.length === big.length)
              : client.query("SELECT $1::int + 1 AS n", [q]).then(({ rows }) => rows[0].n === q + 1),
          ),
        ),
      );
      expect(answers.filter((right) => !right)).toHaveLength(0);

      // One connection's transaction: another's statement waits for it, and never runs inside it.
      const [writer, reader] = clients;
      await writer.query("CREATE TABLE t (n int)");
      await writer.query("BEGIN");
      await writer.query("INSERT INTO t VALUES ($1)", [1]);
      const read = reader.query("SELECT count(*)::int AS n FROM t");
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.query("ROLLBACK");
      expect((await read).rows[0].n).toBe(0);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
      await db.stop();
    }
  });
});
