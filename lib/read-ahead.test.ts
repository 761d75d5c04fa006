import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("reading ahead", () => {
  it("prepares the next items while the taker is busy, and keeps their order", async () => {
    const made: number[] = [];
    async function* source() {
      for (let i = 0; i < 5; i++) {
        made.push(i);
        yield i;
      }
    }
    const taken: number[] = [];
    for await (const item of readAhead(source(), 2)) {
      await tick();
      // By the time the taker is done with an item, the next two are ready.
      expect(made.length).toBeGreaterThanOrEqual(Math.min(5, item + 3));
      taken.push(item);
    }
    expect(taken).toEqual([0, 1, 2, 3, 4]);
  });

  it("throws the source's error at the item where it happened", async () => {
    async function* failing() {
      yield 1;
      throw new Error("broken row");
    }
    const taken: number[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(failing(), 3)) taken.push(item);
      })(),
    ).rejects.toThrow("broken row");
    expect(taken).toEqual([1]);
  });

  it("stops the source when the taker stops early", async () => {
    let stopped = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        stopped = true;
      }
    }
    for await (const item of readAhead(endless(), 2)) if (item === 3) break;
    expect(stopped).toBe(true);
  });
});
