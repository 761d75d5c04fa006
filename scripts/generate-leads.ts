/**
 * npm run generate:leads -- --rows N --seed S --out FILE [--activities FILE] [--preset b2b|lifescience] [--end-date YYYY-MM-DD]
 * Writes a deterministic sample CSV of leads (10,000 rows by default) and, with --activities, a CSV
 * of what the same leads did over the last 120 days (and a few people who are not among them).
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
    activities: { type: "string" },
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
  console.error(`${problems.join("\n")}\nUsage: npm run generate:leads -- --rows N --seed S --out FILE [--activities FILE] [--preset b2b|lifescience] [--end-date YYYY-MM-DD]`);
  process.exit(2);
}

const options = { rows, seed, preset: values.preset as "b2b" | "lifescience", endDate };
for (const [file, activities] of [[values.out!, false], [values.activities, true]] as const) {
  if (!file) continue;
  const started = performance.now();
  const out = fs.createWriteStream(file);
  await writeSampleCsv(out, { ...options, activities });
  out.end();
  await finished(out);
  const seconds = (performance.now() - started) / 1000;
  const what = activities ? `the activities of ${rows.toLocaleString("en-US")} leads` : `${rows.toLocaleString("en-US")} leads`;
  console.log(`Wrote ${what} to ${file} in ${seconds.toFixed(2)} s (${fs.statSync(file).size.toLocaleString("en-US")} bytes).`);
}
