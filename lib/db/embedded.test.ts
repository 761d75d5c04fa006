import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
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
});
