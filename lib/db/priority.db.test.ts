import os from "node:os";
import { describe, expect, it } from "vitest";
import { databaseTarget } from "@/lib/db/client";
import { openConnection } from "@/lib/db/bulk";
import { prisma } from "@/lib/db/client";

const local = databaseTarget().kind === "postgres" && /@(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(databaseTarget().url);
const maySetPriority = process.getuid?.() === 0;

describe("bulk work's database sessions run behind the ones answering requests", () => {
  // Needs a PostgreSQL server on this machine and the right to change its processes' priority
  // (root, as in CI); elsewhere the app leaves priorities alone, which the last test checks.
  it.runIf(local && maySetPriority)("a dedicated connection's server process gets nice 10; the app's request connections keep 0", async () => {
    const client = await openConnection();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(os.getPriority(rows[0].pid)).toBe(10);
      const [{ pid }] = await prisma.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid");
      expect(os.getPriority(pid)).toBe(0);
    } finally {
      await client.end();
    }
  });

  it.runIf(local && maySetPriority)("LEADRANK_BACKGROUND_NICE=0 turns it off", async () => {
    process.env.LEADRANK_BACKGROUND_NICE = "0";
    const client = await openConnection();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(os.getPriority(rows[0].pid)).toBe(0);
    } finally {
      delete process.env.LEADRANK_BACKGROUND_NICE;
      await client.end();
    }
  });

  it("a connection opens and works wherever the server is (embedded, remote, or not ours to change)", async () => {
    const client = await openConnection();
    try {
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });
});
