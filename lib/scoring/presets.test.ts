import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { compileModel } from "./engine";
import { presetById } from "./presets";

const DATASETS = path.resolve("../shared/datasets");
const haveDatasets = fs.existsSync(path.join(DATASETS, "seed-leads.csv"));

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(DATASETS, file), "utf8"), { header: true, skipEmptyLines: true }).data;
}

const b2b = compileModel(presetById("b2b-saas")!);
const lifeScience = compileModel(presetById("lifescience-3d-invitro")!);

describe.skipIf(!haveDatasets)("B2B SaaS preset on the Python prototype's 10,000 seed leads (needs ../shared/datasets)", () => {
  it("gives the prototype's points, except 2 fewer for 'Director of Engineering' (whole words: Director is not CTO)", () => {
    const expected = new Map(readCsv("seed-leads-scored.csv").map((row) => [row["Lead ID"], Number(row.Score)]));
    let compared = 0;
    let directors = 0;
    for (const row of readCsv("seed-leads.csv")) {
      const { rawPoints } = b2b.score({
        jobTitle: row["Job Title"],
        industry: row.Industry,
        companySize: row["Company Size"] === "" ? null : Number(row["Company Size"]),
        location: row.Location,
      });
      const prototype = expected.get(row["Lead ID"]);
      const isDirector = row["Job Title"] === "Director of Engineering";
      expect(rawPoints, `lead ${row["Lead ID"]} (${row["Job Title"]})`).toBe(isDirector ? prototype! - 2 : prototype);
      compared++;
      if (isDirector) directors++;
    }
    console.log(`Compared ${compared} seed leads with the prototype's scores (${directors} titled "Director of Engineering").`);
    expect(compared).toBe(10_000);
    expect(directors).toBeGreaterThan(0);
  });
});

describe.skipIf(!haveDatasets)("Life-science preset on the Flask prototype's ten leads (needs ../shared/datasets)", () => {
  // Points: role 20, seniority 10, Series A–C 20, in-vitro 15, NAMs 10, hub 10, DILI paper 40; capped at 100.
  const expected: Record<string, [score: number, reason: string]> = {
    "Alice Johnson": [100, "toxicology 20 + Director 10 + Series B 20 + in-vitro 15 + NAMs 10 + hub 10 + DILI 40 = 125, capped"],
    "Bob Smith": [75, "toxicology 20 + Senior 10 + Series A 20 + in-vitro 15 + Boston hub 10"],
    "Carla Ruiz": [0, "'In Vivo' is not 'in vitro', Junior is not senior, pre-seed, no flags, Austin is no hub"],
    "David Lee": [100, "safety 20 + Head 10 + Series C 20 + 15 + 10 + hub 10 + 40 = 125, capped"],
    "Emma Watson": [85, "hepatic/safety 20 + Director 10 + Series B 20 + in-vitro 15 + NAMs 10 + Basel 10"],
    "Frank Müller": [90, "no role keyword + VP 10 + Series A 20 + NAMs 10 + hub 10 + DILI 40"],
    "Grace Kim": [100, "3D 20 + Principal 10 + Series B 20 + 15 + 10 + 10 + 40 = 125, capped"],
    "Henry Brown": [55, "liver 20 + no seniority + seed round 0 + in-vitro 15 + NAMs 10 + hub 10"],
    "Isabel Garcia": [90, "toxicologist 20 + Senior 10 + Series C 20 + DILI 40; Madrid and Berlin are no hubs"],
    "John Patel": [100, "safety 20 + Director 10 + Series B 20 + 15 + 10 + Cambridge 10 + 40 = 125, capped"],
  };
  const yes = (value: string) => value.trim().toLowerCase() === "yes";

  it.each(Object.entries(expected))("%s scores %i", (name, [score, reason]) => {
    const row = readCsv("lifescience-sample.csv").find((r) => r.Name === name)!;
    const result = lifeScience.score({
      jobTitle: row.Title,
      companyName: row.Company,
      location: row["Person Location"],
      companyLocation: row["Company HQ"],
      fundingStage: row["Funding Stage"],
      usesInVitroModels: yes(row["Uses In-Vitro Models"]),
      openToNams: yes(row["Open To NAMs"]),
      inBiotechHub: yes(row["In Biotech Hub"]),
      publishedDiliPaper: yes(row["Published DILI Paper (last 2y)"]),
    });
    expect(result.score, reason).toBe(score);
  });

  it("covers all ten leads of the sample", () => {
    expect(readCsv("lifescience-sample.csv").map((r) => r.Name).sort()).toEqual(Object.keys(expected).sort());
  });
});
