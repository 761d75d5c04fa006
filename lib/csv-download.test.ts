import { describe, expect, it } from "vitest";
import { csvDownload, fileSlug } from "./csv-download";

describe("csvDownload", () => {
  it("produces the next piece only when the client reads, and stops when the client goes", async () => {
    let produced = 0;
    let finished = false;
    async function* pieces() {
      try {
        for (let i = 0; i < 1000; i++) {
          produced++;
          yield `row ${i}\n`;
        }
      } finally {
        finished = true;
      }
    }
    const response = csvDownload(pieces(), "x.csv");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="x.csv"');
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("row 0\n");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(produced).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(finished).toBe(true);
    expect(produced).toBeLessThanOrEqual(2);
  });
});

describe("fileSlug", () => {
  it("keeps letters and digits, joins the rest with dashes", () => {
    expect(fileSlug("Ação & Co. 2026", "company")).toBe("a-o-co-2026");
    expect(fileSlug("***", "company")).toBe("company");
  });
});
