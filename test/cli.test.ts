// The command line as an operator meets it: help, configuration errors, migrate, admin create.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./processes.ts";

async function run(args: string[], env: Record<string, string> = {}) {
  const p = runCli(args, env);
  const code = await new Promise<number | null>((resolve) => p.child.on("exit", resolve));
  return { code, output: p.output() };
}

describe("circulate CLI", () => {
  it("explains itself and each command", async () => {
    const main = await run(["--help"]);
    expect(main.code).toBe(0);
    for (const command of ["start", "web", "worker", "migrate", "seed demo", "admin create", "export", "import-backup"]) {
      expect(main.output).toContain(command);
    }
    const admin = await run(["admin", "--help"]);
    expect(admin.output).toContain("--email ADDRESS");
  });

  it("refuses bad configuration with a message naming each variable", async () => {
    const r = await run(["migrate"], { PORT: "eighty", DATABASE_URL: "mysql://nope" });
    expect(r.code).toBe(1);
    expect(r.output).toContain("PORT: PORT must be a whole number");
    expect(r.output).toContain("DATABASE_URL: DATABASE_URL must look like postgres://");
    expect(r.output).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it("rejects an unknown command", async () => {
    const r = await run(["frobnicate"]);
    expect(r.code).toBe(1);
    expect(r.output).toContain("Unknown command 'frobnicate'");
  });

  it("migrates an embedded database and creates an administrator once", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "circulate-cli-"));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "warn" };
    expect((await run(["migrate"], env)).output).toContain("Migrations applied (pglite)");
    const created = await run(["admin", "create", "--email", "head@library.example.org", "--name", "Head Librarian"], env);
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/Password: \S{15,}/);
    const again = await run(["admin", "create", "--email", "head@library.example.org"], env);
    expect(again.code).toBe(1);
    expect(again.output).toContain("already exists");
    expect((await run(["admin", "create", "--email", "not-an-address"], env)).output).toContain(
      "--email must be an email address",
    );
  }, 60_000);

  it("imports a MARC file with a progress line and a report of each bad record", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "circulate-cli-import-"));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "warn" };
    const r = await run(["import", "marc", "samples/marc/bad_records.mrc"], env);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/100% 8 records: 1 new, 0 updated, 1 unchanged, 6 bad/);
    expect(r.output).toContain("record 2 (byte 127): the base address of data (99937) is outside the record");
    expect(r.output).toContain("record 7 (byte 764): the record has no fields");
    expect((await run(["import", "nope.mrc"], env)).output).toContain("No such file: nope.mrc");
  }, 60_000);
});
