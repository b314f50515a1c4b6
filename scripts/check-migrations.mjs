// Fails when the Drizzle schema and the committed migrations disagree: drizzle-kit generates against a
// copy of drizzle/ and any new migration file means someone changed the schema without generating one.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const copy = mkdtempSync(path.join(tmpdir(), "circulate-migrations-"));
cpSync("drizzle", copy, { recursive: true });
const before = new Set(readdirSync(copy));
const run = spawnSync(
  "npx",
  [
    "drizzle-kit",
    "generate",
    "--dialect",
    "postgresql",
    "--schema",
    "./src/db/schema/index.ts",
    "--out",
    copy,
    "--name",
    "check",
  ],
  { encoding: "utf8" },
);
const added = readdirSync(copy).filter((f) => !before.has(f));
rmSync(copy, { recursive: true, force: true });
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error("migrations check: drizzle-kit failed");
  process.exit(1);
}
if (added.length > 0) {
  console.error(
    `migrations check: the schema has changes with no migration (${added.join(", ")}).\nRun: npm run db:generate -- --name <what-changed>`,
  );
  process.exit(1);
}
console.log("migrations check: schema and migrations agree");
