// `npm test`: the whole suite. Migrations check, type check, lint, then every test (unit, database on
// PGlite and PostgreSQL, browser). Parts whose prerequisites are missing are skipped with a loud line
// locally; with CI=true a missing part fails the run instead.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ci = process.env.CI === "true" || process.env.CI === "1";
const env = { ...process.env };
const missing = [];

if (!env.TEST_DATABASE_URL)
  missing.push("PostgreSQL tests: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run them");
const chromium = env.CHROMIUM_PATH || "/usr/bin/chromium";
if (existsSync(chromium)) env.CHROMIUM_PATH = chromium;
else missing.push(`browser tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);

for (const m of missing) {
  const line = `${ci ? "MISSING" : "SKIPPING"}: ${m}`;
  console.error(`\n${"!".repeat(line.length)}\n${line}\n${"!".repeat(line.length)}\n`);
}
if (ci && missing.length) {
  console.error("CI=true: every part of the suite must run. Failing.");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
env.E2E_REQUIRED = ci ? "1" : "";

const step = (name, cmd, args) => {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`${name} failed`);
    console.log("0 passed, 1 failed");
    process.exit(r.status ?? 1);
  }
};
step("migrations agree with the schema", "node", ["scripts/check-migrations.mjs"]);
step("type check", "npx", ["tsc", "--noEmit"]);
step("lint", "npx", ["biome", "check", "."]);

console.log("\n== tests");
const report = path.join(mkdtempSync(path.join(tmpdir(), "circulate-vitest-")), "report.json");
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const r = spawnSync("npx", args, { stdio: "inherit", env });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
  skipped = json.numPendingTests + (json.numTodoTests ?? 0);
  // Show that the parts which need PostgreSQL, Chromium or child processes really ran.
  const parts = {
    PostgreSQL: (_file, title) => title.includes("[postgres]"),
    "browser (e2e/)": (f) => f.includes("/e2e/"),
    "multi-process": (f) => f.endsWith("/test/processes.test.ts"),
  };
  console.log("");
  for (const [part, belongs] of Object.entries(parts)) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const file of json.testResults) {
      for (const t of file.assertionResults) {
        if (!belongs(file.name, [...t.ancestorTitles, t.title].join(" "))) continue;
        if (t.status === "passed") counts.passed += 1;
        else if (t.status === "failed") counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    console.log(`${part.padEnd(16)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
} catch {
  failed = Math.max(1, failed);
}
if (r.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
