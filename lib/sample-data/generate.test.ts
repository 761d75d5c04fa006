import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { suggestActivityMapping } from "@/lib/activities/mapping";
import { generateLeadRows, SAMPLE_ACTIVITY_COLUMNS, SAMPLE_COLUMNS, sampleCsvBytes, type SampleOptions } from "./generate";

const endDate = new Date("2026-11-23T23:59:59Z");

async function csvOf(options: SampleOptions): Promise<string> {
  return (await sampleCsvBytes(options)).toString("utf8");
}

describe("sample lead generator", () => {
  it("writes the same file for the same seed and a different one for another seed", async () => {
    const a = await csvOf({ rows: 500, seed: 42, endDate });
    expect(await csvOf({ rows: 500, seed: 42, endDate })).toBe(a);
    expect(await csvOf({ rows: 500, seed: 43, endDate })).not.toBe(a);
  });

  it("writes valid CSV that reads back with every row, column and quoted comma intact", async () => {
    const text = await csvOf({ rows: 2000, seed: 1, endDate });
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...SAMPLE_COLUMNS]);
    expect(rows).toHaveLength(2000);
    expect(rows.every((row) => row.length === SAMPLE_COLUMNS.length)).toBe(true);
    expect(rows).toEqual([...generateLeadRows({ rows: 2000, seed: 1, endDate })]);
    expect(rows.some((row) => row[4].includes(", "))).toBe(true);
    expect(text).toContain("\r\n");
  });

  it("follows the seed data's distributions", () => {
    const rows = [...generateLeadRows({ rows: 20_000, seed: 3, endDate })];
    const share = (test: (row: string[]) => boolean) => rows.filter(test).length / rows.length;
    // Seed: 1,235 of 10,000 are QA Testers; 17.6% have under 100 employees; 81% 100–499.
    expect(share((r) => r[3] === "QA Tester")).toBeCloseTo(0.1235, 1);
    expect(share((r) => Number(r[6]) < 100)).toBeCloseTo(0.176, 1);
    expect(share((r) => Number(r[6]) >= 100 && Number(r[6]) <= 499)).toBeCloseTo(0.81, 1);
    expect(share((r) => r[8] === "London")).toBeGreaterThan(0.002);
    const emails = new Set(rows.map((r) => r[7]));
    expect(1 - emails.size / rows.length).toBeGreaterThan(0.005);
    expect(1 - emails.size / rows.length).toBeLessThan(0.02);
  });

  it("spreads Created Date over the 120 days before the end date", () => {
    const dates = [...generateLeadRows({ rows: 5000, seed: 9, endDate })].map((r) => Date.parse(r[16]));
    const days = (ms: number) => (endDate.getTime() - ms) / 86_400_000;
    expect(Math.min(...dates.map(days))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...dates.map(days))).toBeLessThanOrEqual(120);
    expect(Math.max(...dates.map(days))).toBeGreaterThan(115);
  });

  it("gives life-science leads life-science titles and funding", () => {
    const rows = [...generateLeadRows({ rows: 1000, seed: 5, preset: "lifescience", endDate })];
    expect(rows.some((r) => /Toxicolog/.test(r[3]))).toBe(true);
    expect(rows.some((r) => r[11] === "Series B")).toBe(true);
    expect(rows.some((r) => r[15] === "yes")).toBe(true);
  });
});

describe("sample outcomes", () => {
  it("close most leads older than 30 days as won or lost, and leave the recent ones open", () => {
    const rows = [...generateLeadRows({ rows: 5000, seed: 7, endDate })];
    const age = (row: string[]) => (endDate.getTime() - Date.parse(row[16])) / 86_400_000;
    const closed = (row: string[]) => row[17] === "customer" || row[17] === "closed lost";
    expect(rows.filter((r) => age(r) <= 30).some(closed)).toBe(false);
    const older = rows.filter((r) => age(r) > 30);
    expect(older.filter(closed).length / older.length).toBeCloseTo(0.8, 1);
    expect(rows.filter((r) => r[17] === "customer").length).toBeGreaterThan(300);
  });

  it("writes the same leads' activities for the same seed, mapped as they come, dated within the 120 days before the end date", async () => {
    const text = (await sampleCsvBytes({ rows: 300, seed: 7, endDate, activities: true })).toString("utf8");
    expect((await sampleCsvBytes({ rows: 300, seed: 7, endDate, activities: true })).toString("utf8")).toBe(text);
    const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(header).toEqual([...SAMPLE_ACTIVITY_COLUMNS]);
    expect(suggestActivityMapping(header)).toEqual(["email", "type", "occurredAt", "detail", "source"]);
    expect(rows.length).toBeGreaterThan(600);
    const leads = new Set([...generateLeadRows({ rows: 300, seed: 7, endDate })].map((row) => row[7]));
    const strangers = rows.filter((row) => !leads.has(row[0]));
    expect(strangers.length).toBeGreaterThan(5);
    expect(strangers.length).toBeLessThan(rows.length / 5);
    for (const [, , occurredAt] of rows) {
      const time = Date.parse(occurredAt);
      expect(time).toBeLessThanOrEqual(endDate.getTime());
      expect(time).toBeGreaterThan(endDate.getTime() - 121 * 86_400_000);
    }
  });
});
