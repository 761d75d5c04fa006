import { describe, expect, it } from "vitest";
import { Arrival, ArrivalStopped } from "./arrival";

const piece = (seq: number) => Uint8Array.of(seq);

async function readAll(arrival: Arrival): Promise<number[]> {
  const seen: number[] = [];
  for await (const data of arrival.pieces()) seen.push(data[0]);
  return seen;
}

describe("an upload read while it arrives", () => {
  it("hands over each piece as it is stored, in order, and ends with the upload", async () => {
    const arrival = new Arrival(() => Promise.reject(new Error("nothing should be read back")));
    const reading = readAll(arrival);
    for (let seq = 0; seq < 3; seq++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      arrival.add(seq, piece(seq));
    }
    arrival.end();
    expect(await reading).toEqual([0, 1, 2]);
    expect(await arrival.complete).toBe(true);
  });

  it("reads the pieces it no longer keeps back from the database, when the reader is behind", async () => {
    const readBack: number[] = [];
    const arrival = new Arrival(async (seq) => (readBack.push(seq), piece(seq)), 2);
    for (let seq = 0; seq < 6; seq++) arrival.add(seq, piece(seq));
    arrival.end();
    expect(await readAll(arrival)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(readBack).toEqual([0, 1, 2, 3]); // only the last two were kept in memory
  });

  it("makes its reader throw when the upload stops, and says it did not complete", async () => {
    const arrival = new Arrival(async (seq) => piece(seq));
    arrival.add(0, piece(0));
    const reading = readAll(arrival);
    arrival.stop(new Error("The client went away"));
    await expect(reading).rejects.toBeInstanceOf(ArrivalStopped);
    await expect(reading).rejects.toMatchObject({ cause: new Error("The client went away") });
    expect(await arrival.complete).toBe(false);
  });
});
