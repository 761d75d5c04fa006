import { describe, expect, it } from "vitest";

describe("GET /api/health", () => {
  it("answers 503 with a clear body when the database is unreachable", async () => {
    // Nothing listens on port 1, so connecting is refused at once.
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/leadrank";
    const { GET } = await import("./route");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      db: "postgres",
      error: { code: "database_unavailable", message: "The database is not reachable." },
    });
  });
});
