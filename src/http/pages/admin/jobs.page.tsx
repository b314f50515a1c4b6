import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import type { workerChecks } from "../../../db/schema/index.ts";
import type { DeadJob, Jobs } from "../../../jobs/index.ts";
import { hasRole } from "../../../modules/accounts/index.ts";
import { recentWorkerChecks, requestWorkerCheck } from "../../../modules/system/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireRole } from "../../middleware/guards.ts";
import { CsrfField } from "../components/form.tsx";
import { adminRender } from "./admin-layout.tsx";
import { formFields } from "./admin-request.ts";

type QueueCounts = Awaited<ReturnType<Jobs["counts"]>>;
type WorkerCheck = typeof workerChecks.$inferSelect;

/** A running worker takes a check within seconds, and even one retried after a crash is done well within a minute. */
const STALLED_AFTER_MS = 60_000;

const retryInput = z.object({ name: z.string().min(1), id: z.uuid() });

function QueueTable({ c, queues }: { c: AppContext; queues: QueueCounts }) {
  const { tr } = c.var;
  const t = tr.t;
  if (queues.length === 0) return <p>{t("admin.jobs.queues.empty")}</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("admin.jobs.queues.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.jobs.queue")}</th>
            <th scope="col">{t("admin.jobs.queued")}</th>
            <th scope="col">{t("admin.jobs.active")}</th>
            <th scope="col">{t("admin.jobs.failedCount")}</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr>
              <td>
                <code>{q.name}</code>
              </td>
              <td>{tr.number(q.queued)}</td>
              <td>{tr.number(q.active)}</td>
              <td>{tr.number(q.failed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RetryButton({ c, job }: { c: AppContext; job: DeadJob }) {
  return (
    <form method="post" action="/admin/jobs/retry" class="inline-form">
      <CsrfField c={c} />
      <input type="hidden" name="name" value={job.name} />
      <input type="hidden" name="id" value={job.id} />
      <button type="submit" class="secondary">
        {c.var.tr.t("admin.jobs.retry")}
        <span class="visually-hidden"> {job.name}</span>
      </button>
    </form>
  );
}

function FailedTable({ c, failed }: { c: AppContext; failed: DeadJob[] }) {
  const { tr } = c.var;
  const t = tr.t;
  if (failed.length === 0) return <p>{t("admin.jobs.failed.empty")}</p>;
  const canRetry = hasRole(c.var.user, "admin");
  return (
    <>
      <p>{t("admin.jobs.failed.intro")}</p>
      {!canRetry && <p class="muted">{t("admin.jobs.retryAdminOnly")}</p>}
      <div class="table-scroll">
        <table>
          <caption>{t("admin.jobs.failed.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.jobs.name")}</th>
              <th scope="col">{t("admin.jobs.error")}</th>
              <th scope="col">{t("admin.jobs.attempts")}</th>
              <th scope="col">{t("admin.jobs.failedAt")}</th>
              {canRetry && <th scope="col">{t("admin.jobs.action")}</th>}
            </tr>
          </thead>
          <tbody>
            {failed.map((job) => (
              <tr>
                <td>
                  <code>{job.name}</code>
                </td>
                <td>{job.error}</td>
                {/* pg-boss counts retries; the first run is an attempt too. */}
                <td>{tr.number(job.retryCount + 1)}</td>
                <td>{tr.dateTime(job.completedOn ?? job.createdOn)}</td>
                {canRetry && (
                  <td>
                    <RetryButton c={c} job={job} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function checkResult(c: AppContext, check: WorkerCheck, now: Date) {
  const t = c.var.tr.t;
  if (check.completedAt) return t("admin.jobs.worker.done");
  return now.getTime() - check.requestedAt.getTime() > STALLED_AFTER_MS
    ? t("admin.jobs.worker.stalled")
    : t("admin.jobs.worker.waiting");
}

function WorkerChecks({ c, checks, now }: { c: AppContext; checks: WorkerCheck[]; now: Date }) {
  const { tr } = c.var;
  const t = tr.t;
  if (checks.length === 0) return <p>{t("admin.jobs.worker.empty")}</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("admin.jobs.worker.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.jobs.worker.sent")}</th>
            <th scope="col">{t("admin.jobs.worker.result")}</th>
            <th scope="col">{t("admin.jobs.worker.completedAt")}</th>
            <th scope="col">{t("admin.jobs.worker.process")}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr>
              <td>{tr.dateTime(check.requestedAt)}</td>
              <td>{checkResult(c, check, now)}</td>
              <td>{check.completedAt ? tr.dateTime(check.completedAt) : ""}</td>
              <td>{check.workerPid ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function jobPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const t = c.var.tr.t;
    const queues = await deps.jobs.counts();
    const failed = await deps.jobs.failed();
    const checks = await recentWorkerChecks(deps.db);
    return adminRender(
      c,
      t("admin.jobs.title"),
      <>
        <h1>{t("admin.jobs.title")}</h1>
        <p>{t("admin.jobs.intro")}</p>
        <section aria-labelledby="queues">
          <h2 id="queues">{t("admin.jobs.queues")}</h2>
          <QueueTable c={c} queues={queues} />
        </section>
        <section aria-labelledby="failed-jobs">
          <h2 id="failed-jobs">{t("admin.jobs.failed")}</h2>
          <FailedTable c={c} failed={failed} />
        </section>
        <section aria-labelledby="worker">
          <h2 id="worker">{t("admin.jobs.worker")}</h2>
          <p>{t("admin.jobs.worker.intro")}</p>
          <form method="post" action="/admin/jobs/worker-check">
            <CsrfField c={c} />
            <button type="submit">{t("admin.jobs.worker.check")}</button>
          </form>
          <WorkerChecks c={c} checks={checks} now={deps.clock.now()} />
        </section>
      </>,
    );
  });

  app.post("/worker-check", async (c) => {
    await requestWorkerCheck(deps.db, deps.jobs);
    return redirectWith(c, "/admin/jobs", "admin.jobs.worker.requested", "info");
  });

  // Retrying re-runs work that touches the outside world (email, deliveries), so only administrators may.
  app.post("/retry", requireRole("admin"), async (c) => {
    const parsed = retryInput.safeParse(await formFields(c));
    // A second press, or a job someone else retried, is not an error: say it is no longer failed.
    const retried = parsed.success && (await deps.jobs.retry(parsed.data.name, parsed.data.id));
    if (!retried) return redirectWith(c, "/admin/jobs", "admin.jobs.notFailed", "warning");
    return redirectWith(c, "/admin/jobs", "admin.jobs.retried");
  });

  return app;
}
