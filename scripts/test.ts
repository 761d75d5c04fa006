/**
 * `npm test`: typecheck, lint, unit tests, database tests and browser tests, one after
 * another, then one closing line "N passed, N failed" that sums them all.
 * `npm test -- unit db` runs only the named suites.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadDotEnv } from "@/lib/env";

type Counts = { passed: number; failed: number; skipped: number };
type Suite = { name: string; command: string[]; count: (exitCode: number, resultFile: string) => Counts };

const RESULTS = path.resolve("test-results");

const singleCheck = (exitCode: number): Counts => ({ passed: exitCode === 0 ? 1 : 0, failed: exitCode === 0 ? 0 : 1, skipped: 0 });

function vitestCounts(exitCode: number, file: string): Counts {
  if (!fs.existsSync(file)) return singleCheck(1);
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const counts = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  // A suite that crashed outside any test still counts as a failure.
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function playwrightCounts(exitCode: number, file: string): Counts {
  if (!fs.existsSync(file)) return singleCheck(1);
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  const counts = { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

const vitest = (project: string): Suite => ({
  name: project,
  command: ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${RESULTS}/${project}.json`],
  count: vitestCounts,
});

const suites: Suite[] = [
  { name: "typecheck", command: ["tsc", "--noEmit"], count: singleCheck },
  { name: "lint", command: ["eslint", "--max-warnings=0", "."], count: singleCheck },
  vitest("unit"),
  vitest("db"),
  { name: "e2e", command: ["playwright", "test", "--reporter=list,json"], count: playwrightCounts },
];

loadDotEnv();
const selected = process.argv.slice(2);
const unknown = selected.filter((name) => !suites.some((suite) => suite.name === name));
if (unknown.length) {
  console.error(`Unknown suite ${unknown.join(", ")}. Suites: ${suites.map((s) => s.name).join(", ")}.`);
  process.exit(2);
}

fs.mkdirSync(RESULTS, { recursive: true });
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
for (const suite of suites.filter((s) => selected.length === 0 || selected.includes(s.name))) {
  const resultFile = path.join(RESULTS, `${suite.name}.json`);
  fs.rmSync(resultFile, { force: true });
  console.log(`\n━━ ${suite.name} ━━`);
  const started = Date.now();
  const [bin, ...args] = suite.command;
  const run = spawnSync(path.resolve("node_modules/.bin", bin), args, {
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: resultFile, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const counts = suite.count(run.status ?? 1, resultFile);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  lines.push(`  ${suite.name.padEnd(10)} ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""} (${seconds} s)`);
}

console.log(`\n━━ summary (database: ${process.env.DATABASE_URL ? "PostgreSQL from DATABASE_URL" : "embedded PGlite"}) ━━`);
console.log(lines.join("\n"));
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
