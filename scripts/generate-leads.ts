/**
 * npm run generate:leads -- --rows N --seed S --out FILE [--preset b2b|lifescience] [--end-date YYYY-MM-DD]
 * Writes a deterministic sample CSV of leads (10,000 rows by default).
 */
import fs from "node:fs";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { writeSampleCsv } from "@/lib/sample-data/generate";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
    preset: { type: "string", default: "b2b" },
    "end-date": { type: "string" },
  },
});

const rows = Number(values.rows);
const seed = Number(values.seed);
const endDate = values["end-date"] ? new Date(`${values["end-date"]}T23:59:59Z`) : new Date();
const problems = [
  !Number.isInteger(rows) || rows < 0 ? "--rows must be a whole number ≥ 0" : null,
  !Number.isInteger(seed) ? "--seed must be a whole number" : null,
  !values.out ? "--out FILE is required" : null,
  values.preset !== "b2b" && values.preset !== "lifescience" ? "--preset is b2b or lifescience" : null,
  Number.isNaN(endDate.getTime()) ? "--end-date is YYYY-MM-DD" : null,
].filter(Boolean);
if (problems.length) {
  console.error(`${problems.join("\n")}\nUsage: npm run generate:leads -- --rows N --seed S --out FILE [--preset b2b|lifescience] [--end-date YYYY-MM-DD]`);
  process.exit(2);
}

const started = performance.now();
const out = fs.createWriteStream(values.out!);
await writeSampleCsv(out, { rows, seed, preset: values.preset as "b2b" | "lifescience", endDate });
out.end();
await finished(out);
const seconds = (performance.now() - started) / 1000;
console.log(`Wrote ${rows.toLocaleString("en-US")} leads to ${values.out} in ${seconds.toFixed(2)} s (${fs.statSync(values.out!).size.toLocaleString("en-US")} bytes).`);
