// Import runs: every catalogue import (from the CLI or an upload) is recorded with live progress and,
// at the end, its report, so staff can follow it and look back at what each import did.
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { desc, eq, sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { importRuns } from "../../db/schema/index.ts";
import type { Jobs } from "../../jobs/index.ts";
import { type ImportCounts, type ImportReport, importCatalog } from "./import.service.ts";
import { detectFormat, type ImportFormat, importItems } from "./import-sources.ts";
import type { BadRecord } from "./marc/record.ts";

export const CATALOG_IMPORT_JOB = "catalog.import";
/** A report lists at most this many bad records (the count is always complete). */
const MAX_PROBLEMS = 1000;

export type ImportRun = typeof importRuns.$inferSelect;

export interface ImportProgress extends ImportCounts {
  bytesRead: number;
  totalBytes: number;
}

/** Reads a file as a stream of chunks, counting the bytes for the progress bar. */
async function* counted(path: string, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    onBytes((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

export async function sniffFormat(path: string, fileName: string): Promise<ImportFormat> {
  for await (const chunk of createReadStream(path, { start: 0, end: 63 })) return detectFormat(chunk as Buffer, fileName);
  return detectFormat(new Uint8Array(), fileName);
}

export async function createImportRun(
  db: DbOrTx,
  input: { fileName: string; filePath: string | null; format: ImportFormat; totalBytes: number; startedBy: string | null },
): Promise<ImportRun> {
  const [run] = await db.insert(importRuns).values(input).returning();
  if (!run) throw new Error("import run insert returned nothing");
  return run;
}

/** Queues an uploaded file for the worker, in the caller's transaction. */
export async function queueImport(db: DbOrTx, jobs: Jobs, input: Parameters<typeof createImportRun>[1]): Promise<ImportRun> {
  return db.transaction(async (tx) => {
    const run = await createImportRun(tx, input);
    await jobs.send(CATALOG_IMPORT_JOB, { runId: run.id }, { tx, singletonKey: run.id });
    return run;
  });
}

/**
 * Runs an import and keeps its row up to date after every batch. Safe to run again for the same run
 * (a worker that died part-way): matching by control number, ISBN and content makes a repeat harmless.
 */
export async function executeImport(
  db: DbOrTx,
  clock: Clock,
  run: ImportRun,
  path: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportReport> {
  let bytesRead = 0;
  let stored = 0;
  await db.update(importRuns).set({ status: "running", problems: [], error: null }).where(eq(importRuns.id, run.id));
  try {
    const report = await importCatalog(
      db,
      importItems(
        run.format,
        counted(path, (n) => (bytesRead += n)),
      ),
      async (counts, newProblems) => {
        const keep = newProblems.slice(0, Math.max(0, MAX_PROBLEMS - stored));
        stored += keep.length;
        await db
          .update(importRuns)
          .set({
            ...counts,
            bytesRead,
            ...(keep.length ? { problems: sql`${importRuns.problems} || ${JSON.stringify(keep)}::jsonb` } : {}),
          })
          .where(eq(importRuns.id, run.id));
        onProgress({ ...counts, bytesRead, totalBytes: run.totalBytes });
      },
    );
    await db.update(importRuns).set({ status: "done", finishedAt: clock.now(), bytesRead }).where(eq(importRuns.id, run.id));
    return report;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(importRuns)
      .set({ status: "failed", error: message, finishedAt: clock.now() })
      .where(eq(importRuns.id, run.id));
    throw error;
  }
}

/** The worker's side of an upload: run it, then remove the uploaded file. */
export async function runQueuedImport(db: DbOrTx, clock: Clock, runId: string, dataDir: string) {
  const run = await getImportRun(db, runId);
  if (!run?.filePath || run.status === "done") return;
  const path = resolve(dataDir, run.filePath);
  await stat(path); // a missing file is an error worth retrying (shared storage not mounted yet)
  await executeImport(db, clock, run, path);
  await rm(path, { force: true });
}

export async function getImportRun(db: DbOrTx, id: string): Promise<ImportRun | null> {
  const [run] = await db.select().from(importRuns).where(eq(importRuns.id, id));
  return run ?? null;
}

export const listImportRuns = (db: DbOrTx, limit = 20) =>
  db.select().from(importRuns).orderBy(desc(importRuns.createdAt)).limit(limit);

export type { BadRecord };
