// Durable background work on pg-boss, on PostgreSQL or on PGlite (through pg-boss's own PGlite adapter).
// Handlers are registered by name; every queue retries with backoff and sends what finally fails to a
// dead-letter queue that staff can see and retry.
import { sql } from "drizzle-orm";
import { fromDrizzle, fromPglite, PgBoss } from "pg-boss";
import type { Database, DbOrTx } from "../db/index.ts";

export const DEAD_LETTER_QUEUE = "dead-letter";

export interface JobContext {
  id: string;
  retryCount: number;
}

export interface JobDefinition<T = unknown> {
  name: string;
  handler: (data: T, ctx: JobContext) => Promise<void>;
  /** Attempts after the first one. */
  retryLimit?: number;
  /** First retry delay in seconds; doubled (with jitter) on each attempt. */
  retryDelay?: number;
  expireInSeconds?: number;
  /** Pollers per worker process for this queue. */
  concurrency?: number;
  /** Jobs fetched at once by each poller and run together. */
  batchSize?: number;
}

export interface SendOptions {
  /** Enqueue inside this transaction, so the job exists only if the transaction commits. */
  tx?: DbOrTx;
  startAfter?: Date | number;
  singletonKey?: string;
  id?: string;
}

export interface DeadJob {
  id: string;
  name: string;
  data: unknown;
  error: string;
  retryCount: number;
  createdOn: Date;
  completedOn: Date | null;
}

export interface Jobs {
  readonly boss: PgBoss;
  define<T>(definition: JobDefinition<T>): void;
  /** Starts the engine and creates the queues (needed before send). */
  start(): Promise<void>;
  /** Starts polling for work; only worker processes call this. */
  work(): Promise<void>;
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  failed(limit?: number): Promise<DeadJob[]>;
  /** Puts a failed job back in its queue; false when it is no longer failed. */
  retry(name: string, id: string): Promise<boolean>;
  counts(): Promise<{ name: string; queued: number; active: number; failed: number }[]>;
  ready(): Promise<boolean>;
  stop(options?: { graceful?: boolean; timeout?: number }): Promise<void>;
}

// Supervision finds jobs whose worker died (active past their expiry) and retries them; every 10 s
// instead of pg-boss's default minute, so a crashed worker's jobs come back quickly.
const SUPERVISION = { superviseIntervalSeconds: 10, monitorIntervalSeconds: 10 } as const;

export function createJobs(database: Database, log: (msg: string) => void = () => {}): Jobs {
  const boss =
    database.engine === "pglite" && database.pglite
      ? new PgBoss({ db: fromPglite(database.pglite), backend: "pglite", schema: "pgboss", ...SUPERVISION })
      : new PgBoss({ connectionString: database.url, schema: "pgboss", max: 5, ...SUPERVISION });
  boss.on("error", (error) => log(`job engine error: ${error instanceof Error ? error.message : String(error)}`));

  const definitions = new Map<string, JobDefinition<never>>();
  let started = false;

  const jobs: Jobs = {
    boss,
    define(definition) {
      if (definitions.has(definition.name)) throw new Error(`job ${definition.name} is defined twice`);
      definitions.set(definition.name, definition as JobDefinition<never>);
    },
    async start() {
      if (started) return;
      await boss.start();
      started = true;
      const existing = new Set((await boss.getQueues()).map((q) => q.name));
      if (!existing.has(DEAD_LETTER_QUEUE)) await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 30 * 86400 });
      for (const d of definitions.values()) {
        const options = {
          retryLimit: d.retryLimit ?? 5,
          retryDelay: d.retryDelay ?? 5,
          retryBackoff: true,
          retryDelayMax: 3600,
          expireInSeconds: d.expireInSeconds ?? 300,
          deadLetter: DEAD_LETTER_QUEUE,
        };
        if (existing.has(d.name)) await boss.updateQueue(d.name, options);
        else await boss.createQueue(d.name, options);
      }
    },
    async work() {
      for (const d of definitions.values()) {
        // Batches keep a busy queue moving (burst: fetch again at once while batches come back full);
        // each job in a batch is settled on its own, so one failure does not retry its neighbours.
        await boss.work(
          d.name,
          {
            batchSize: d.batchSize ?? 10,
            localConcurrency: d.concurrency ?? 1,
            pollingIntervalSeconds: 0.5,
            burstWhenBatchFull: true,
            perJobResults: true,
          },
          async (batch) =>
            Promise.all(
              batch.map(async (job) => {
                try {
                  await d.handler(job.data as never, { id: job.id, retryCount: job.retryCount ?? 0 });
                  return { id: job.id, status: "completed" as const };
                } catch (error) {
                  log(`job ${d.name} ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`);
                  const message = error instanceof Error ? error.message : String(error);
                  return { id: job.id, status: "failed" as const, output: { message } };
                }
              }),
            ),
        );
      }
    },
    async send(name, data, options = {}) {
      if (!definitions.has(name)) throw new Error(`no job named ${name} is defined`);
      return boss.send(name, data, {
        ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.id ? { id: options.id } : {}),
        ...(options.tx ? { db: fromDrizzle(options.tx as never, sql as never) } : {}),
      });
    },
    async failed(limit = 100) {
      const rows = await database.rows<{
        id: string;
        name: string;
        data: unknown;
        output: unknown;
        retry_count: number;
        created_on: Date;
        completed_on: Date | null;
      }>(
        sql`select id, name, data, output, retry_count, created_on, completed_on from pgboss.job
            where state = 'failed' and name <> ${DEAD_LETTER_QUEUE}
            order by completed_on desc nulls last limit ${limit}`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        name: r.name,
        data: r.data,
        error: describeOutput(r.output),
        retryCount: Number(r.retry_count),
        createdOn: new Date(r.created_on),
        completedOn: r.completed_on ? new Date(r.completed_on) : null,
      }));
    },
    async retry(name, id) {
      if (!definitions.has(name)) return false;
      const result = await boss.retry(name, id);
      // The typings declare CommandResponse empty; at run time it carries the number of jobs changed.
      return ((result as { affected?: number } | undefined)?.affected ?? 0) > 0;
    },
    async counts() {
      const rows = await database.rows<{ name: string; queued: number; active: number; failed: number }>(
        sql`select name,
              count(*) filter (where state in ('created','retry'))::int as queued,
              count(*) filter (where state = 'active')::int as active,
              count(*) filter (where state = 'failed')::int as failed
            from pgboss.job group by name order by name`,
      );
      return rows.map((r) => ({ ...r, queued: Number(r.queued), active: Number(r.active), failed: Number(r.failed) }));
    },
    async ready() {
      if (!started) return false;
      try {
        await database.rows(sql`select 1 from pgboss.version limit 1`);
        return true;
      } catch {
        return false;
      }
    },
    async stop(options = {}) {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: options.graceful ?? true, timeout: options.timeout ?? 20_000, close: true });
    },
  };
  return jobs;
}

function describeOutput(output: unknown): string {
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message);
  return output === null || output === undefined ? "" : JSON.stringify(output);
}
