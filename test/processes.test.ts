// Web and worker as separate processes on one PostgreSQL database, and a worker killed mid-batch.
import { sql } from "drizzle-orm";
import { PgBoss } from "pg-boss";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/index.ts";
import { workerChecks } from "../src/db/schema/index.ts";
import { WORKER_CHECK_JOB } from "../src/modules/system/index.ts";
import { createTestDatabase } from "./database.ts";
import { TestClient } from "./http.ts";
import { type CliProcess, freePort, runCli, until } from "./processes.ts";
import { startTestSmtp, type TestSmtp } from "./smtp.ts";

const SECRET = "process-test-secret-key-0123456789abcdef";

describe.skipIf(!process.env.TEST_DATABASE_URL)("web and worker processes [postgres]", () => {
  let database: Database;
  let smtp: TestSmtp;
  const running: CliProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    smtp = await startTestSmtp();
    env = { DATABASE_URL: database.url ?? "", SECRET_KEY: SECRET, SMTP_URL: smtp.url, LOG_LEVEL: "info", NODE_ENV: "production" };
  });
  afterAll(async () => {
    for (const p of running) await p.stop("SIGKILL");
    await smtp?.close();
    await database?.close();
  });
  const start = (args: string[], extra: Record<string, string> = {}) => {
    const p = runCli(args, { ...env, ...extra });
    running.push(p);
    return p;
  };

  it("a job enqueued by `circulate web` is done by `circulate worker`", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const web = start(["web"], { PORT: String(port), BASE_URL: base, HOST: "127.0.0.1" });
    await web.waitForOutput(/listening on/);

    // Sign up through the real HTTP server: the verification email is a job.
    const client = new TestClient(
      { request: (url: string, init?: RequestInit) => fetch(url, { ...init, redirect: "manual" }) } as never,
      base,
    );
    const res = await client.postForm(
      "/sign-up",
      { displayName: "Two Process", email: "two@example.org", password: "separate processes" },
      { csrfFrom: "/sign-up" },
    );
    expect(res.status).toBe(303);

    // The web process only serves: nothing is sent until a worker runs.
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.messages.filter((m) => m.to.includes("two@example.org"))).toHaveLength(0);

    const worker = start(["worker"]);
    await worker.waitForOutput(/worker running/);
    const mail = await smtp.waitFor((m) => m.to.includes("two@example.org"), 30_000);
    expect(mail.parsed.text).toContain(`${base}/verify-email?token=`);

    expect(await web.stop("SIGTERM")).toBe(0);
    expect(await worker.stop("SIGTERM")).toBe(0);
  });

  it("loses no job when the worker is killed with SIGKILL twice in the middle of a batch", async () => {
    const N = 3000;
    const ids: string[] = Array.from({ length: N }, () => uuidv7());
    // Queue creation happens at start; a worker started once creates the queues.
    const bootstrap = start(["worker"]);
    await bootstrap.waitForOutput(/worker running/);
    await bootstrap.stop("SIGTERM");

    // pg-boss's bulk insert, so each job carries the queue's retry and expiry settings.
    const sender = new PgBoss({
      connectionString: database.url,
      schema: "pgboss",
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await sender.start();
    for (let i = 0; i < N; i += 500) {
      const slice = ids.slice(i, i + 500);
      await database.db.insert(workerChecks).values(slice.map((id) => ({ id, label: "sigkill-test" })));
      await sender.insert(
        WORKER_CHECK_JOB,
        slice.map((id) => ({ data: { checkId: id } })),
      );
    }
    await sender.stop({ graceful: false, close: true });
    const completed = async () =>
      Number(
        (
          await database.rows<{ n: number }>(
            sql`select count(*)::int as n from worker_checks where label = 'sigkill-test' and completed_at is not null`,
          )
        )[0]?.n,
      );

    for (const fraction of [0.1, 0.5]) {
      const worker = start(["worker"]);
      await until(async () => (await completed()) >= N * fraction, 60_000, `${fraction * 100}% of the checks`);
      await worker.stop("SIGKILL");
      expect(await completed()).toBeLessThan(N); // killed in the middle, not after the end
    }
    start(["worker"]);
    await until(async () => (await completed()) === N, 90_000, "every check after the restart");

    const states = await database.rows<{ state: string; n: number; distinct_checks: number }>(
      sql`select state, count(*)::int as n, count(distinct data->>'checkId')::int as distinct_checks
          from pgboss.job where name = ${WORKER_CHECK_JOB}
            and data->>'checkId' in (select id::text from worker_checks where label = 'sigkill-test') group by state`,
    );
    expect(states).toEqual([{ state: "completed", n: N, distinct_checks: N }]);
  }, 240_000);
});
