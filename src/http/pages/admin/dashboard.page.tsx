import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import { DEAD_LETTER_QUEUE } from "../../../jobs/index.ts";
import { countPeople, listBranches } from "../../../modules/accounts/index.ts";
import type { AppEnv } from "../../context.ts";
import { adminRender, sectionHref, visibleSections } from "./admin-layout.tsx";

/** Jobs waiting and failed across the queues. The dead-letter queue holds copies of failed jobs that no
 * worker takes, so counting them as waiting would report work that will never run. */
function jobTotals(queues: { name: string; queued: number; failed: number }[]) {
  const real = queues.filter((q) => q.name !== DEAD_LETTER_QUEUE);
  return { queued: real.reduce((n, q) => n + q.queued, 0), failed: real.reduce((n, q) => n + q.failed, 0) };
}

export function dashboardPage(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const { tr } = c.var;
    const t = tr.t;
    const people = await countPeople(deps.db);
    const branchCount = (await listBranches(deps.db)).length;
    const jobs = jobTotals(await deps.jobs.counts());
    const sections = visibleSections(c).filter((s) => s.summary);
    return adminRender(
      c,
      t("admin.dashboard.title"),
      <>
        <h1>{t("admin.dashboard.title")}</h1>
        <p class="lead">{t("admin.dashboard.intro")}</p>
        <section aria-labelledby="admin-glance">
          <h2 id="admin-glance">{t("admin.dashboard.glance")}</h2>
          <dl class="details">
            <dt>{t("admin.dashboard.people")}</dt>
            <dd>{tr.number(people)}</dd>
            <dt>{t("admin.dashboard.branches")}</dt>
            <dd>{tr.number(branchCount)}</dd>
            <dt>{t("admin.dashboard.queued")}</dt>
            <dd>{tr.number(jobs.queued)}</dd>
            <dt>{t("admin.dashboard.failed")}</dt>
            <dd>{jobs.failed > 0 ? <a href="/admin/jobs#failed-jobs">{tr.number(jobs.failed)}</a> : tr.number(0)}</dd>
          </dl>
        </section>
        <section aria-labelledby="admin-mail">
          <h2 id="admin-mail">{t("admin.dashboard.mail")}</h2>
          {deps.mailer.mode === "smtp" ? (
            <p>{t("admin.mail.smtp")}</p>
          ) : (
            <p>
              {t("admin.mail.outbox")} <a href="/admin/outbox">{t("admin.nav.outbox")}</a>
            </p>
          )}
        </section>
        <section aria-labelledby="admin-sections">
          <h2 id="admin-sections">{t("admin.dashboard.sections")}</h2>
          <ul class="cards">
            {sections.map((s) => (
              <li class="card">
                <h3>
                  <a href={sectionHref(s)}>{t(s.label)}</a>
                </h3>
                {s.summary && <p>{t(s.summary)}</p>}
              </li>
            ))}
          </ul>
        </section>
      </>,
    );
  });

  return app;
}
