/**
 * npm run bench:scoring [-- --rows N]: scores N generated leads (1,000,000 by default) in
 * memory with each preset on one core and prints leads per second.
 * Budget: at least 2,000,000 leads/s for the B2B SaaS preset.
 */
import { parseArgs } from "node:util";
import { generateLeadRows } from "@/lib/sample-data/generate";
import { compileModel, PRESETS, type ScorableLead } from "@/lib/scoring";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const rows = Number(values.rows);
const yes = (value: string) => value === "yes";

console.log(`Generating ${rows.toLocaleString("en-US")} leads…`);
const leads: ScorableLead[] = [];
for (const preset of ["b2b", "lifescience"] as const) {
  for (const r of generateLeadRows({ rows: rows / 2, seed: 1, preset, endDate: new Date("2026-11-23") })) {
    leads.push({
      firstName: r[1], lastName: r[2], jobTitle: r[3], companyName: r[4], industry: r[5], companySize: Number(r[6]),
      email: r[7], location: r[8], companyLocation: r[9], country: r[10], fundingStage: r[11],
      usesInVitroModels: yes(r[12]), openToNams: yes(r[13]), inBiotechHub: yes(r[14]), publishedDiliPaper: yes(r[15]),
    });
  }
}

for (const model of PRESETS) {
  const compiled = compileModel(model);
  let checksum = 0;
  for (let i = 0; i < 10_000; i++) checksum += compiled.score(leads[i]).rawPoints; // warm-up
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    for (const lead of leads) checksum += compiled.score(lead).rawPoints;
    runs.push(performance.now() - started);
  }
  const best = Math.min(...runs);
  const perSecond = Math.round(leads.length / (best / 1000));
  console.log(
    `${model.name.padEnd(26)} ${leads.length.toLocaleString("en-US")} leads in ${(best / 1000).toFixed(3)} s (best of 3): ` +
      `${perSecond.toLocaleString("en-US")} leads/s${model.id === "b2b-saas" ? `  [budget ≥ 2,000,000: ${perSecond >= 2_000_000 ? "met" : "MISSED"}]` : ""}  (checksum ${checksum})`,
  );
}
