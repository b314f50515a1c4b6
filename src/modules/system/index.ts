// System: worker liveness checks sent through the job queue, shown to staff on the jobs page.
import { desc, eq, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { workerChecks } from "../../db/schema/index.ts";
import type { Jobs } from "../../jobs/index.ts";

export const WORKER_CHECK_JOB = "system.worker-check";

export async function requestWorkerCheck(db: DbOrTx, jobs: Jobs, label = ""): Promise<string> {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(workerChecks).values({ id, label });
    await jobs.send(WORKER_CHECK_JOB, { checkId: id }, { tx });
  });
  return id;
}

/** Idempotent: a second run after a crash only counts the run, it does not move completedAt. */
export async function runWorkerCheck(db: DbOrTx, clock: Clock, checkId: string) {
  await db
    .update(workerChecks)
    .set({
      runs: sql`${workerChecks.runs} + 1`,
      completedAt: sql`coalesce(${workerChecks.completedAt}, ${clock.now().toISOString()}::timestamptz)`,
      workerPid: process.pid,
    })
    .where(eq(workerChecks.id, checkId));
}

export const recentWorkerChecks = (db: DbOrTx, limit = 10) =>
  db.select().from(workerChecks).orderBy(desc(workerChecks.requestedAt)).limit(limit);
