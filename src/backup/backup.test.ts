import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine, engines } from "../../test/database.ts";
import { createTestDeps } from "../../test/deps.ts";
import { systemClock } from "../clock.ts";
import type { Database, DbOrTx, Engine } from "../db/index.ts";
import { seedDemo } from "../seed/demo.ts";
import { publicSequences, publicTables, quoteIdent, rowsOf } from "./backup.queries.ts";
import { exportBackup, importBackup, type TableProgress } from "./backup.service.ts";
import { type BackupOutput, runBackupCommand } from "./cli.ts";

const AWKWARD = `It's "quoted" \\ back\\slash \\' E'x' $$ -- ; \nnew line\ttab\r\n ñ é 漢字 📚 \u2028 \u0001 NULL`;
const PSQL = "/usr/bin/psql";

/** A table beyond the app's, with the types and column kinds the app's schema does not have yet. */
async function createTypesTable(database: Database) {
  await database.rows(sql`
    create table backup_test_types (
      n serial primary key,
      ident bigint generated always as identity,
      parent integer references backup_test_types (n),
      amount numeric(32, 10),
      ratio double precision,
      blob bytea,
      span interval,
      grid integer[],
      flags boolean[],
      docs jsonb[],
      day date,
      local_time timestamp,
      doc json,
      words tsvector,
      twice integer generated always as (n * 2) stored
    )`);
}

async function addAwkwardRows(database: Database) {
  const { db } = database;
  await db.execute(sql`
    insert into branches (id, slug, name, address, opening_hours, created_at)
    values ('0190a000-0000-7000-8000-000000000001', 'awkward', ${AWKWARD}, '', ${AWKWARD}, '2026-11-24 10:00:00.123456+00')`);
  await db.execute(sql`
    insert into users (id, email, password_hash, display_name, pronouns, branch_id, birth_date, email_verified_at,
                       deletion_requested_at, created_at, updated_at)
    values ('0190a000-0000-7000-8000-000000000002', 'awkward@example.org', '$argon2id$v=19$x', ${AWKWARD}, '',
            '0190a000-0000-7000-8000-000000000001', '1999-12-31', null, '-infinity', '0001-01-01 00:00:00+00', 'infinity')`);
  await db.execute(sql`
    insert into settings (key, value) values
      ('awkward', ${JSON.stringify({ text: AWKWARD, none: null, nested: [1, 2.5, -0.0001, 1e300, true, { k: [] }], empty: "" })}::jsonb),
      ('json-null', 'null'::jsonb),
      ('json-string', '"null"'::jsonb)`);
  await db.execute(sql`
    insert into api_tokens (id, user_id, name, prefix, token_hash, scopes, expires_at)
    values ('0190a000-0000-7000-8000-000000000004', '0190a000-0000-7000-8000-000000000002', ${AWKWARD}, 'circ_x', 'hash-1',
            array['read', ${AWKWARD}, '', 'NULL', null, '{a,b}']::text[], '2026-11-24 10:00:00.999999+05:30')`);
  await db.execute(sql`
    insert into audit_log (id, actor_id, action, subject, details)
    values ('0190a000-0000-7000-8000-000000000005', null, ${AWKWARD}, 'subject', ${JSON.stringify({ "key with 'quote'": AWKWARD, list: [null, "", "\\"] })}::jsonb)`);
  await db.execute(
    sql`insert into rate_limits (key, window_start, count) values (${AWKWARD}, '1970-01-01 00:00:00+00', 2147483647)`,
  );
  await db.execute(sql`
    insert into worker_checks (id, label, worker_pid, completed_at)
    values ('0190a000-0000-7000-8000-000000000003', ${AWKWARD}, null, '2026-11-24 23:59:59.000001-12')`);
  await db.execute(sql`
    insert into backup_test_types (parent, amount, ratio, blob, span, grid, flags, docs, day, local_time, doc, words) values
      (null, 1234567890123456789012.0123456789, 'NaN', '\\x00ff10', '1 year 2 mons -3 days 04:05:06.789', '[0:1]={1,2}',
       '{true,false,null}', array['null'::jsonb, null, ${JSON.stringify({ a: AWKWARD })}::jsonb], '0001-01-01',
       '2026-11-24 10:00:00.000001', '{"b": 1,   "a": [ ]}', to_tsvector('simple', ${AWKWARD})),
      (1, -0.0000000001, 1e-300, '', '-1 day', '{}', null, '{}', 'infinity', '-infinity', 'null', ''),
      (2, null, 'Infinity', null, null, '{{1,2},{3,4}}', '{}', null, null, null, null, null)`);
}

/**
 * Every public table's rows in the record's own text form, in a stable order: equal texts mean equal values,
 * and unlike JSON the form tells SQL NULL (empty) from a stored JSON null (null).
 */
async function snapshot(database: Database): Promise<Record<string, string[]>> {
  return database.db.transaction(async (tx) => {
    for (const setting of ["time zone 'UTC'", "DateStyle = ISO", "IntervalStyle = postgres", "extra_float_digits = 3"]) {
      await tx.execute(sql.raw(`set local ${setting}`));
    }
    const out: Record<string, string[]> = {};
    for (const table of await publicTables(tx)) {
      const rows = await rowsOf<{ r: string }>(tx, sql.raw(`select t::text as r from ${quoteIdent(table.name)} t`));
      out[table.name] = rows.map((row) => row.r).sort();
    }
    out["drizzle.__drizzle_migrations"] = (
      await rowsOf<{ r: string }>(tx, sql`select hash || ' ' || created_at as r from drizzle.__drizzle_migrations order by id`)
    ).map((row) => row.r);
    out.sequences = (await publicSequences(tx)).map((s) => `${s.literal} ${s.lastValue} ${s.isCalled}`);
    return out;
  });
}

/** Uploaded files in nested folders, one of them binary, to see that the tree comes back byte for byte. */
function makeUploads(dataDir: string) {
  mkdirSync(path.join(dataDir, "uploads", "2026", "11"), { recursive: true });
  writeFileSync(path.join(dataDir, "uploads", "cover.txt"), AWKWARD);
  writeFileSync(path.join(dataDir, "uploads", "2026", "11", "image.bin"), Buffer.from([0, 255, 1, 254, 10, 13]));
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, file)] = readFileSync(file).toString("base64");
    }
  }
  return out;
}

/** What compose() leaves in a database before an import: a generated secret key, a worker probe. */
async function addStartupRows(database: Database) {
  await database.db.execute(sql`insert into settings (key, value) values ('secret_key', '"generated-at-start"')`);
  await database.db.execute(sql`insert into worker_checks (id) values ('0190a000-0000-7000-8000-0000000000ff')`);
}

async function userCount(db: DbOrTx): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from users`);
  return row?.n ?? -1;
}

describeEachEngine("backups", (engine) => {
  let source: Database;
  let work: string;
  let backupDir: string;
  let expected: Record<string, string[]>;
  const exportProgress: TableProgress[] = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "circulate-backup-"));
    source = await createTestDatabase(engine);
    await createTypesTable(source);
    await seedDemo({ db: source.db, clock: systemClock });
    await addAwkwardRows(source);
    makeUploads(path.join(work, "source"));
    expected = await snapshot(source);
    backupDir = path.join(work, "backup");
    const result = await exportBackup(source, {
      outDir: backupDir,
      uploadsDir: path.join(work, "source", "uploads"),
      clock: systemClock,
      // Tiny batches, so that tables span several pages of the cursor.
      batchSize: 2,
      onProgress: (p) => exportProgress.push(p),
    });
    expect(result.ok).toBe(true);
  });

  afterAll(async () => {
    await source?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("writes a manifest whose counts match the database, and reports progress per table", async () => {
    const manifest = JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
    const migrations = expected["drizzle.__drizzle_migrations"]?.length;
    expect(migrations).toBeGreaterThan(0);
    expect(manifest).toMatchObject({ format: "circulate-backup", formatVersion: 1, engine, migrations });
    expect(manifest.circulateVersion).toMatch(/^\d+\.\d+\.\d+/);
    for (const [table, rows] of Object.entries(expected)) {
      if (table in manifest.tables) expect(manifest.tables[table], table).toBe(rows.length);
    }
    expect(manifest.tables).toMatchObject({ users: 6, branches: 3, backup_test_types: 3 });
    expect(manifest.uploads).toEqual({ files: 2, bytes: Buffer.byteLength(AWKWARD) + 6 });
    const finished = exportProgress.filter((p) => p.finished).map((p) => [p.table, p.done, p.total]);
    expect(finished).toContainEqual(["users", 6, 6]);
    expect(exportProgress).toContainEqual({ table: "users", done: 2, total: 6, finished: false });
    // Parents come before children: users refer to branches, api_tokens to users.
    const order = finished.map(([table]) => table);
    expect(order.indexOf("branches")).toBeLessThan(order.indexOf("users"));
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("api_tokens"));
  });

  it("writes one statement per line, with no raw newline inside a value", () => {
    const dump = readFileSync(path.join(backupDir, "database.sql"), "utf8");
    const lines = dump.split("\n");
    const statement =
      /^(--|SET |BEGIN;$|COMMIT;$|DELETE FROM "public"\.|INSERT INTO "(public|drizzle)"\.|SELECT pg_catalog\.setval\(|$)/;
    expect(lines.filter((l) => !statement.test(l))).toEqual([]);
    // Each INSERT carries a batch (two rows here) and says how many in its closing comment.
    const batches = lines.filter((l) => l.startsWith("INSERT INTO ")).map((l) => Number(/-- (\d+) rows?$/.exec(l)?.[1]));
    expect(Math.max(...batches)).toBe(2);
    const rows = batches.reduce((a, b) => a + b, 0);
    expect(rows).toBe(Object.values(expected).flat().length - (expected.sequences?.length ?? 0));
    expect(dump).not.toContain('"pgboss".');
  });

  it("refuses to overwrite a folder that has files in it", async () => {
    const result = await exportBackup(source, { outDir: backupDir, uploadsDir: path.join(work, "none"), clock: systemClock });
    expect(result).toEqual({ ok: false, error: "out-not-empty", dir: backupDir });
  });

  for (const target of engines()) {
    it(`restores into a fresh ${target} database exactly, replacing what compose() left there`, async () => {
      const restored = await createTestDatabase(target);
      try {
        await createTypesTable(restored);
        await addStartupRows(restored);
        const uploadsDir = path.join(work, `restored-${target}`, "uploads");
        const progress: TableProgress[] = [];
        const result = await importBackup(restored, { dir: backupDir, uploadsDir, onProgress: (p) => progress.push(p) });
        if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result)}`);
        expect(await snapshot(restored)).toEqual(expected);
        expect(result.value.tables).toEqual(result.value.manifest.tables);
        expect(result.value.uploads).toEqual(result.value.manifest.uploads);
        expect(readTree(uploadsDir)).toEqual(readTree(path.join(work, "source", "uploads")));
        expect(progress.filter((p) => p.finished)).toContainEqual({ table: "users", done: 6, total: 6, finished: true });
        // Sequences continue after the restored rows rather than colliding with them.
        const [next] = await restored.rows<{ n: number; ident: string }>(
          sql`insert into backup_test_types default values returning n, ident::text`,
        );
        expect(next).toEqual({ n: 4, ident: "4" });
      } finally {
        await restored.close();
      }
    });
  }

  it("refuses a database that has accounts, and changes nothing", async () => {
    const before = await snapshot(source);
    const result = await importBackup(source, { dir: backupDir, uploadsDir: path.join(work, "refused") });
    expect(result).toEqual({ ok: false, error: "not-empty", users: 6 });
    expect(await snapshot(source)).toEqual(before);
    expect(existsSync(path.join(work, "refused"))).toBe(false);
  });

  describe("damaged or foreign backups", () => {
    let target: Database;
    beforeAll(async () => {
      target = await createTestDatabase(engine);
      await createTypesTable(target);
    });
    afterAll(() => target?.close());

    function variant(name: string, change: (dir: string) => void): string {
      const dir = path.join(work, name);
      cpSync(backupDir, dir, { recursive: true });
      change(dir);
      return dir;
    }
    const editManifest = (dir: string, edit: (m: Record<string, unknown>) => void) => {
      const file = path.join(dir, "manifest.json");
      const manifest = JSON.parse(readFileSync(file, "utf8"));
      edit(manifest);
      writeFileSync(file, JSON.stringify(manifest));
    };
    const editDump = (dir: string, edit: (lines: string[]) => string[]) => {
      const file = path.join(dir, "database.sql");
      writeFileSync(file, edit(readFileSync(file, "utf8").split("\n")).join("\n"));
    };
    const importFrom = (dir: string) => importBackup(target, { dir, uploadsDir: path.join(work, "damaged-uploads") });

    it("refuses a newer format version", async () => {
      const dir = variant("newer-format", (d) =>
        editManifest(d, (m) => {
          m.formatVersion = 99;
        }),
      );
      expect(await importFrom(dir)).toEqual({ ok: false, error: "newer-format", formatVersion: 99 });
    });

    it("refuses a backup from a database with more migrations", async () => {
      const applied = expected["drizzle.__drizzle_migrations"]?.length ?? 0;
      const dir = variant("newer-schema", (d) =>
        editManifest(d, (m) => {
          m.migrations = applied + 1;
        }),
      );
      expect(await importFrom(dir)).toEqual({
        ok: false,
        error: "newer-schema",
        backupMigrations: applied + 1,
        databaseMigrations: applied,
      });
    });

    it("refuses a folder without a manifest (an export that did not finish)", async () => {
      const dir = variant("no-manifest", (d) => rmSync(path.join(d, "manifest.json")));
      expect(await importFrom(dir)).toMatchObject({ ok: false, error: "not-a-backup" });
    });

    it("rolls back when the rows do not match the manifest", async () => {
      const dir = variant("missing-row", (d) =>
        editDump(d, (lines) => {
          // rate_limits: no other table refers to it, so only the count can notice the row is gone.
          const i = lines.findIndex((l) => l.startsWith('INSERT INTO "public"."rate_limits"'));
          return lines.filter((_, j) => j !== i);
        }),
      );
      expect(await importFrom(dir)).toEqual({
        ok: false,
        error: "count-mismatch",
        tables: [{ table: "rate_limits", expected: 1, found: 0 }],
      });
      expect(await userCount(target.db)).toBe(0);
    });

    it("rolls back a dump that was cut short", async () => {
      const dir = variant("cut-short", (d) => editDump(d, (lines) => lines.slice(0, lines.length - 6)));
      expect(await importFrom(dir)).toMatchObject({ ok: false, error: "not-a-backup" });
      expect(await userCount(target.db)).toBe(0);
    });

    it("runs only the statements an export writes", async () => {
      const dir = variant("foreign-statement", (d) =>
        editDump(d, (lines) => [lines[0] ?? "", "DROP TABLE users;", ...lines.slice(1)]),
      );
      expect(await importFrom(dir)).toMatchObject({ ok: false, error: "not-a-backup" });
      expect(await userCount(target.db)).toBe(0);
    });
  });

  it.runIf(existsSync(PSQL) && engines().includes("postgres"))(
    "can be loaded by psql into a migrated PostgreSQL database",
    async () => {
      const restored = await createTestDatabase("postgres");
      try {
        await createTypesTable(restored);
        await addStartupRows(restored);
        execFileSync(
          PSQL,
          ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", path.join(backupDir, "database.sql"), restored.url ?? ""],
          {
            stdio: "pipe",
          },
        );
        expect(await snapshot(restored)).toEqual(expected);
      } finally {
        await restored.close();
      }
    },
  );
});

describeEachEngine("backup commands", (engine: Engine) => {
  function capture(): BackupOutput & { text: string; errors: string } {
    const out = {
      text: "",
      errors: "",
      isTTY: false,
      write: (t: string) => {
        out.text += t;
      },
      error: (t: string) => {
        out.errors += t;
      },
    };
    return out;
  }

  it("export then import-backup print progress and a summary whose counts match", async () => {
    const from = await createTestDeps(engine, { jobs: false });
    const to = await createTestDeps(engine, { jobs: false });
    try {
      await seedDemo(from);
      const out = path.join(from.config.dataDir, "my-backup");
      const exported = capture();
      expect(await runBackupCommand(from, "export", { out }, exported)).toBe(true);
      expect(exported.text).toContain(`Backup written to ${out}`);
      expect(exported.text).toMatch(/^ {2}users +5 \/ 5$/m);

      const imported = capture();
      expect(await runBackupCommand(to, "import-backup", { dir: out }, imported)).toBe(true);
      expect(imported.text).toMatch(/^ {2}users +5 +5$/m);
      expect(await userCount(to.db)).toBe(5);

      const again = capture();
      expect(await runBackupCommand(to, "import-backup", { dir: out }, again)).toBe(false);
      expect(again.errors).toContain("already has 5 account(s)");
      const missing = capture();
      expect(await runBackupCommand(to, "import-backup", {}, missing)).toBe(false);
      expect(missing.errors).toContain("Usage: circulate import-backup DIR");
    } finally {
      await from.close();
      await to.close();
    }
  });
});
