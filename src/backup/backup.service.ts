// Full backups: export writes database.sql, the uploaded files and a manifest to a folder; import restores them.
//
// database.sql is plain SQL that psql can load, one statement per line. PostgreSQL itself writes every row
// and reads it back, so the dump never has to know a column's type: each value is cast to its text form (the
// form COPY uses, exact for every type), the row becomes a JSON object of those texts (row_to_json), and
// json_populate_record runs each type's own input function on them. json and jsonb are the exception:
// json_populate_record would keep a text as a JSON string, and turn a stored JSON null into SQL NULL, so
// they are cast back from their text explicitly. One INSERT carries a batch of rows as a JSON array: with a
// statement per row, restoring 100,000 rows on PGlite took 141 s instead of 8 s.
// pg-boss's schema is left out: its jobs are transient, and a restored instance re-creates its schedules.
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { count, sql } from "drizzle-orm";
import { z } from "zod";
import type { Clock } from "../clock.ts";
import type { Database, DbOrTx } from "../db/index.ts";
import { users } from "../db/schema/index.ts";
import {
  countRows,
  publicSequences,
  publicTables,
  qualifiedName,
  quoteIdent,
  quoteLiteral,
  rowsOf,
  type TableInfo,
} from "./backup.queries.ts";
import {
  DUMP_FILE,
  FORMAT_VERSION,
  MANIFEST_FILE,
  type Manifest,
  manifestHeaderSchema,
  manifestSchema,
  UPLOADS_DIR,
} from "./backup.schemas.ts";

export interface TableProgress {
  table: string;
  done: number;
  total: number;
  finished: boolean;
}
export type ProgressListener = (progress: TableProgress) => void;

export interface UploadsSummary {
  files: number;
  bytes: number;
}

const MIGRATIONS = { schema: "drizzle", table: "__drizzle_migrations" };
const MIGRATIONS_LABEL = `${MIGRATIONS.schema}.${MIGRATIONS.table}`;
const CURSOR = "circulate_backup_rows";
const END_MARK = "-- end of Circulate backup";
/** The statements an export writes; the importer runs nothing else, so a wrong file cannot do much harm. */
const ALLOWED_STATEMENTS = /^(SET |DELETE FROM |INSERT INTO |SELECT pg_catalog\.setval\()/;
/** An INSERT's table and, from its closing comment, how many rows it carries; "s" because a value may hold U+2028. */
const INSERT_TARGET = /^INSERT INTO "((?:[^"]|"")+)"\."((?:[^"]|"")+)".*; -- (\d+) rows?$/s;

const tableLabel = (schema: string, table: string) => (schema === "public" ? table : `${schema}.${table}`);

// ---------------------------------------------------------------------------------------------- export

export interface ExportOptions {
  outDir: string;
  /** DATA_DIR/uploads; it need not exist yet. */
  uploadsDir: string;
  clock: Clock;
  onProgress?: ProgressListener;
  /** Rows fetched and written at a time. */
  batchSize?: number;
}

export type ExportResult =
  | { ok: true; value: { dir: string; manifest: Manifest } }
  | { ok: false; error: "out-not-empty"; dir: string };

export async function exportBackup(database: Database, options: ExportOptions): Promise<ExportResult> {
  const dir = path.resolve(options.outDir);
  if (existsSync(dir) && (await readdir(dir)).length > 0) return { ok: false, error: "out-not-empty", dir };
  await mkdir(dir, { recursive: true });
  const createdAt = options.clock.now();
  const circulateVersion = await readCirculateVersion();
  const dump = await writeDump(database, path.join(dir, DUMP_FILE), {
    header: { createdAt, circulateVersion },
    batchSize: options.batchSize ?? 1000,
    onProgress: options.onProgress,
  });
  const uploads = await copyTree(options.uploadsDir, path.join(dir, UPLOADS_DIR));
  const manifest: Manifest = {
    format: "circulate-backup",
    formatVersion: FORMAT_VERSION,
    createdAt: createdAt.toISOString(),
    circulateVersion,
    engine: database.engine,
    migrations: dump.migrations,
    tables: dump.tables,
    uploads,
  };
  // Written last: a folder without a manifest is a backup that did not finish, and import refuses it.
  await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ok: true, value: { dir, manifest } };
}

interface DumpSpec {
  label: string;
  qualified: string;
  /** The columns each row's JSON holds. */
  columns: string[];
  orderBy: string[];
  /** The INSERT for a batch, given the batch's rows as an SQL literal of a JSON array (read as e.j). */
  insert(rowsLiteral: string): string;
}

/** Text output that any session reads back the same way, whatever the server's settings (as pg_dump does). */
const STABLE_OUTPUT = [
  "SET LOCAL DateStyle = ISO",
  "SET LOCAL IntervalStyle = postgres",
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL extra_float_digits = 3",
  "SET LOCAL bytea_output = hex",
];

async function writeDump(
  database: Database,
  file: string,
  options: {
    header: { createdAt: Date; circulateVersion: string };
    batchSize: number;
    onProgress: ProgressListener | undefined;
  },
): Promise<{ tables: Record<string, number>; migrations: number }> {
  // One snapshot for every table, so that a dump taken while the site runs is consistent.
  return database.db.transaction(
    async (tx) => {
      for (const statement of STABLE_OUTPUT) await tx.execute(sql.raw(statement));
      const tables = await publicTables(tx);
      const migrations = await countRows(tx, qualifiedName(MIGRATIONS.schema, MIGRATIONS.table));
      const { createdAt, circulateVersion } = options.header;
      const counts: Record<string, number> = {};
      // pipeline() waits for the file when it falls behind and turns a write error into a rejection.
      await pipeline(
        async function* () {
          yield [
            `-- Circulate backup, format ${FORMAT_VERSION}: written ${createdAt.toISOString()} by Circulate ${circulateVersion} from ${database.engine},`,
            `-- with ${migrations} migration(s) applied. Load it into a database that has the same migrations applied, with`,
            "--   circulate import-backup DIR     or     psql -v ON_ERROR_STOP=1 -f database.sql DATABASE_URL",
            "-- It REPLACES the contents of every table in the public schema. One statement per line, rows in batches.",
            "-- pg-boss's queue (schema pgboss) is not included: jobs are transient.",
            "SET client_encoding = 'UTF8';",
            "SET standard_conforming_strings = on;",
            "SET DateStyle = ISO;",
            "SET IntervalStyle = postgres;",
            "BEGIN;",
            // A database Circulate has started once already holds rows (its generated secret key, for one).
            // Children before parents, so that no foreign key stops a delete.
            ...[...tables].reverse().map((t) => `DELETE FROM ${qualifiedName("public", t.name)};`),
            "",
          ].join("\n");
          yield* dumpRows(tx, migrationsSpec(), options);
          for (const table of tables) counts[table.name] = yield* dumpRows(tx, tableSpec(table), options);
          // After the rows, so that the next serial or identity value continues where the backup left off.
          for (const s of await publicSequences(tx))
            yield `SELECT pg_catalog.setval(${s.literal}, ${s.lastValue}, ${s.isCalled});\n`;
          yield `COMMIT;\n${END_MARK}\n`;
        },
        createWriteStream(file, { flags: "wx" }),
      );
      return { tables: counts, migrations };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function tableSpec(table: TableInfo): DumpSpec {
  const qualified = qualifiedName("public", table.name);
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(", ");
  const values = table.columns
    .map((c) => (c.json ? `(e.j ->> ${quoteLiteral(c.name)})::${c.json}` : `r.${quoteIdent(c.name)}`))
    .join(", ");
  const overriding = table.identityAlways ? "OVERRIDING SYSTEM VALUE " : "";
  return {
    label: table.name,
    qualified,
    columns: table.columns.map((c) => c.name),
    orderBy: table.primaryKey,
    insert: (rowsLiteral) =>
      `INSERT INTO ${qualified} (${columns}) ${overriding}SELECT ${values} ` +
      `FROM json_array_elements(${rowsLiteral}::json) e(j), json_populate_record(NULL::${qualified}, e.j) r;`,
  };
}

/**
 * compose() migrates before an import runs, so the target already has its migration rows: a row is only
 * added for a migration the target lacks, and its id comes from the target's own sequence.
 */
function migrationsSpec(): DumpSpec {
  const qualified = qualifiedName(MIGRATIONS.schema, MIGRATIONS.table);
  return {
    label: MIGRATIONS_LABEL,
    qualified,
    columns: ["hash", "created_at"],
    orderBy: ["id"],
    insert: (rowsLiteral) =>
      `INSERT INTO ${qualified} ("hash", "created_at") SELECT r."hash", r."created_at" ` +
      `FROM json_array_elements(${rowsLiteral}::json) e(j), json_populate_record(NULL::${qualified}, e.j) r ` +
      `WHERE NOT EXISTS (SELECT 1 FROM ${qualified} m WHERE m."hash" = r."hash");`,
  };
}

/**
 * Yields one table's INSERTs, a batch of rows at a time through a cursor, so memory stays flat however large
 * the table is; returns how many rows it wrote.
 */
async function* dumpRows(
  tx: DbOrTx,
  spec: DumpSpec,
  options: { batchSize: number; onProgress: ProgressListener | undefined },
): AsyncGenerator<string, number> {
  const total = await countRows(tx, spec.qualified);
  const texts = spec.columns.map((c) => `t.${quoteIdent(c)}::text AS ${quoteIdent(c)}`).join(", ");
  const order = spec.orderBy.length > 0 ? ` ORDER BY ${spec.orderBy.map((c) => `t.${quoteIdent(c)}`).join(", ")}` : "";
  // The lateral subquery only renames the texts, so the ORDER BY stays on the table itself.
  await tx.execute(
    sql.raw(
      `DECLARE ${CURSOR} NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS row ` +
        `FROM ${spec.qualified} t CROSS JOIN LATERAL (SELECT ${texts}) x${order}`,
    ),
  );
  let done = 0;
  for (;;) {
    const rows = await rowsOf<{ row: string }>(tx, sql.raw(`FETCH FORWARD ${options.batchSize} FROM ${CURSOR}`));
    if (rows.length === 0) break;
    // row_to_json escapes control characters, so the literal never spans lines.
    const literal = quoteLiteral(`[${rows.map((r) => r.row).join(",")}]`);
    yield `${spec.insert(literal)} -- ${rows.length} row${rows.length === 1 ? "" : "s"}\n`;
    done += rows.length;
    options.onProgress?.({ table: spec.label, done, total, finished: false });
  }
  await tx.execute(sql.raw(`CLOSE ${CURSOR}`));
  options.onProgress?.({ table: spec.label, done, total, finished: true });
  return done;
}

// ---------------------------------------------------------------------------------------------- import

export interface ImportOptions {
  dir: string;
  /** DATA_DIR/uploads, where the backup's files are copied. */
  uploadsDir: string;
  onProgress?: ProgressListener;
}

export interface ImportSummary {
  manifest: Manifest;
  /** Rows per public table after the restore (equal to the manifest's, or the import would have rolled back). */
  tables: Record<string, number>;
  uploads: UploadsSummary;
}

export type ImportFailure =
  | { error: "not-a-backup"; reason: string }
  | { error: "newer-format"; formatVersion: number }
  | { error: "newer-schema"; backupMigrations: number; databaseMigrations: number }
  | { error: "not-empty"; users: number }
  | { error: "count-mismatch"; tables: { table: string; expected: number; found: number }[] };

export type ImportResult = { ok: true; value: ImportSummary } | ({ ok: false } & ImportFailure);

/** Thrown inside the restore transaction to roll it back, and turned into a result outside it. */
class Refused extends Error {
  constructor(readonly failure: ImportFailure) {
    super(failure.error);
  }
}

export async function importBackup(database: Database, options: ImportOptions): Promise<ImportResult> {
  const dir = path.resolve(options.dir);
  const read = await readManifest(dir);
  if (!read.ok) return read;
  const manifest = read.value;
  const dumpFile = path.join(dir, DUMP_FILE);
  if (!existsSync(dumpFile)) return { ok: false, error: "not-a-backup", reason: `${DUMP_FILE} is missing` };

  const [account] = await database.db.select({ n: count() }).from(users);
  const userCount = Number(account?.n ?? 0);
  if (userCount > 0) return { ok: false, error: "not-empty", users: userCount };
  const databaseMigrations = await countRows(database.db, qualifiedName(MIGRATIONS.schema, MIGRATIONS.table));
  if (manifest.migrations > databaseMigrations) {
    return { ok: false, error: "newer-schema", backupMigrations: manifest.migrations, databaseMigrations };
  }

  try {
    const tables = await database.db.transaction(async (tx) => {
      await runDump(tx, dumpFile, manifest, options.onProgress);
      const found: Record<string, number> = {};
      for (const table of Object.keys(manifest.tables)) found[table] = await countRows(tx, qualifiedName("public", table));
      const mismatched = Object.entries(manifest.tables)
        .filter(([table, expected]) => found[table] !== expected)
        .map(([table, expected]) => ({ table, expected, found: found[table] ?? 0 }));
      if (mismatched.length > 0) throw new Refused({ error: "count-mismatch", tables: mismatched });
      return found;
    });
    const uploads = await copyTree(path.join(dir, UPLOADS_DIR), options.uploadsDir);
    return { ok: true, value: { manifest, tables, uploads } };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.failure };
    throw error;
  }
}

async function readManifest(dir: string): Promise<{ ok: true; value: Manifest } | ({ ok: false } & ImportFailure)> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) {
    return { ok: false, error: "not-a-backup", reason: `${MANIFEST_FILE} is missing (an export that did not finish has none)` };
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return { ok: false, error: "not-a-backup", reason: `${MANIFEST_FILE} is not valid JSON` };
  }
  const header = manifestHeaderSchema.safeParse(json);
  if (!header.success) return { ok: false, error: "not-a-backup", reason: `${MANIFEST_FILE} is not a Circulate backup manifest` };
  if (header.data.formatVersion > FORMAT_VERSION)
    return { ok: false, error: "newer-format", formatVersion: header.data.formatVersion };
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: "not-a-backup",
      reason: `${MANIFEST_FILE}: ${z.prettifyError(parsed.error).replaceAll("\n", " ")}`,
    };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Runs database.sql statement by statement inside the caller's transaction. The file is read line by line:
 * export writes one statement per line (row_to_json escapes newlines inside values), and BEGIN/COMMIT are
 * the caller's transaction here.
 */
async function runDump(tx: DbOrTx, file: string, manifest: Manifest, onProgress: ProgressListener | undefined) {
  const totalOf = (label: string) => (label === MIGRATIONS_LABEL ? manifest.migrations : (manifest.tables[label] ?? 0));
  let current: { table: string; done: number } | undefined;
  const finish = () => {
    if (current) onProgress?.({ ...current, total: totalOf(current.table), finished: true });
  };
  let lineNumber = 0;
  let ended = false;
  for await (const line of linesOf(file)) {
    lineNumber++;
    if (line === END_MARK) ended = true;
    if (line === "" || line.startsWith("--") || line === "BEGIN;" || line === "COMMIT;") continue;
    if (!ALLOWED_STATEMENTS.test(line)) {
      throw new Refused({ error: "not-a-backup", reason: `${DUMP_FILE} line ${lineNumber} is not a statement export writes` });
    }
    const target = INSERT_TARGET.exec(line);
    if (target) {
      const table = tableLabel((target[1] ?? "").replaceAll('""', '"'), (target[2] ?? "").replaceAll('""', '"'));
      if (current?.table !== table) {
        finish();
        current = { table, done: 0 };
      }
      current.done += Number(target[3]);
      onProgress?.({ ...current, total: totalOf(table), finished: false });
    }
    try {
      await tx.execute(sql.raw(line));
    } catch (error) {
      throw new Error(`${DUMP_FILE} line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
  finish();
  if (!ended) throw new Refused({ error: "not-a-backup", reason: `${DUMP_FILE} is cut short (its last line is missing)` });
}

/**
 * The lines of a file split on "\n" only. readline also splits on U+2028 and U+2029, which JSON (and so a
 * row's literal) may hold unescaped.
 */
async function* linesOf(file: string): AsyncGenerator<string> {
  // A line (a batch of rows) can span many chunks: keep its pieces and join them once.
  let pieces: string[] = [];
  for await (const chunk of createReadStream(file, { encoding: "utf8" }) as AsyncIterable<string>) {
    let start = 0;
    for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
      pieces.push(chunk.slice(start, end));
      yield pieces.join("");
      pieces = [];
      start = end + 1;
    }
    pieces.push(chunk.slice(start));
  }
  const last = pieces.join("");
  if (last !== "") yield last;
}

// ---------------------------------------------------------------------------------------------- files

/** Copies a folder tree if it exists and says how much it held. */
async function copyTree(from: string, to: string): Promise<UploadsSummary> {
  if (!existsSync(from)) return { files: 0, bytes: 0 };
  await cp(from, to, { recursive: true });
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

async function readCirculateVersion(): Promise<string> {
  const pkg = z
    .object({ version: z.string() })
    .parse(JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")));
  return pkg.version;
}
