// `npm run bench:import`: MARC 21 import rate (records per second) on PGlite and, with BENCH_DATABASE_URL,
// on PostgreSQL. The records are generated (bench/marc-writer.ts) and imported through the same code path as
// `circulate import`: ISO 2709 reader, MARC mapping, batched writes, search documents.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { z } from "zod";
import { type Database, openDatabase } from "../src/db/index.ts";
import { importCatalog, importItems } from "../src/modules/catalog/index.ts";
import { syntheticRecord } from "./marc-writer.ts";

const settings = z
  .object({
    BENCH_IMPORT_RECORDS: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
    BENCH_DATABASE_URL: z.string().optional(),
  })
  .parse(process.env);

/** The records in file-sized chunks, as a read stream would deliver them. */
function* chunks(count: number, offset: number): Generator<Uint8Array> {
  let buffer: Uint8Array[] = [];
  let size = 0;
  for (let n = offset; n < offset + count; n++) {
    const record = syntheticRecord(n);
    buffer.push(record);
    size += record.length;
    if (size >= 256 * 1024) {
      yield Buffer.concat(buffer);
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length) yield Buffer.concat(buffer);
}

async function measure(label: string, database: Database) {
  await database.migrate();
  const count = settings.BENCH_IMPORT_RECORDS;
  const started = performance.now();
  const report = await importCatalog(database.db, importItems("marc", chunks(count, 0)));
  const seconds = (performance.now() - started) / 1000;
  const again = performance.now();
  const second = await importCatalog(database.db, importItems("marc", chunks(count, 0)));
  const secondSeconds = (performance.now() - again) / 1000;
  console.log(
    `${label.padEnd(12)} ${String(count).padStart(8)} records  first import ${Math.round(count / seconds)
      .toString()
      .padStart(6)} records/s (${report.imported} new, ${report.failed} bad)  re-import ${Math.round(count / secondSeconds)
      .toString()
      .padStart(6)} records/s (${second.unchanged} unchanged)`,
  );
  return { engine: label, records: count, recordsPerSecond: count / seconds, reimportRecordsPerSecond: count / secondSeconds };
}

const results = [];
const dir = mkdtempSync(path.join(os.tmpdir(), "circulate-bench-import-"));
const pglite = await openDatabase({ engine: "pglite", dataDir: dir });
try {
  results.push(await measure("PGlite", pglite));
} finally {
  await pglite.close();
  rmSync(dir, { recursive: true, force: true });
}
if (settings.BENCH_DATABASE_URL) {
  const name = `circ_bench_import_${process.pid}`;
  const admin = postgres(settings.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(settings.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  const pg = await openDatabase({ engine: "postgres", url: url.toString() });
  try {
    results.push(await measure("PostgreSQL", pg));
  } finally {
    await pg.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
console.log(JSON.stringify({ date: new Date().toISOString(), cpu: os.cpus()[0]?.model, cores: os.cpus().length, results }));
