// /moderation, for the moderator role: open reports grouped by what they are about (with its content),
// everything hidden now (to restore it), and the latest decisions. Each decision is one form: a note and
// a button for hide, restore or dismiss.
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { MODERATION_ACTIONS, REPORT_SUBJECTS, type ReportSubject } from "../../../db/schema/index.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import {
  hiddenItems,
  MODERATION_NOTE_MAX,
  type ModerationAction,
  moderate,
  openQueue,
  type QueueItem,
  type RecordedAction,
  recentActions,
  type SubjectContent,
} from "../../../modules/moderation/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireRole } from "../../middleware/guards.ts";
import { actor } from "../admin/admin-request.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { CsrfField } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { formFields } from "../form-data.ts";
import { render } from "../layout.tsx";
import { SubjectBody, subjectHref, subjectName } from "./subject-labels.tsx";

const decision = z.object({
  subjectType: z.enum(REPORT_SUBJECTS),
  subjectId: z.uuid(),
  action: z.enum(MODERATION_ACTIONS),
  note: z.string().trim().max(MODERATION_NOTE_MAX).default(""),
});

const typeLabel = (c: AppContext, type: ReportSubject) => c.var.tr.t(`moderation.type.${type}` as MessageKey);

/** The note and the buttons that fit the subject's state: hide what is shown, restore what is hidden. */
function DecisionForm({
  c,
  subjectType,
  subjectId,
  hidden,
  canDismiss,
  name,
}: {
  c: AppContext;
  subjectType: ReportSubject;
  subjectId: string;
  hidden: boolean | null;
  canDismiss: boolean;
  name: string;
}) {
  const t = c.var.tr.t;
  const noteId = `note-${subjectType}-${subjectId}`;
  const actions: ModerationAction[] = [
    ...(hidden === false ? (["hide"] as const) : []),
    ...(hidden === true ? (["restore"] as const) : []),
    ...(canDismiss ? (["dismiss"] as const) : []),
  ];
  return (
    <form method="post" action="/moderation/actions" class="decision-form">
      <CsrfField c={c} />
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <div class="field">
        <label for={noteId}>{t("moderation.queue.note")}</label>
        <textarea id={noteId} name="note" maxlength={MODERATION_NOTE_MAX} class="note-input" />
      </div>
      <p class="actions">
        {actions.map((action) => (
          <button type="submit" name="action" value={action} class={action === "hide" ? "danger" : "secondary"}>
            {t(`moderation.action.${action}` as MessageKey)}
            <span class="visually-hidden"> {name}</span>
          </button>
        ))}
      </p>
    </form>
  );
}

function SubjectHeading({ c, content, id }: { c: AppContext; content: SubjectContent | null; id: string }) {
  const t = c.var.tr.t;
  if (!content) return <h3 id={id}>{t("moderation.queue.gone")}</h3>;
  const href = subjectHref(content);
  const name = subjectName(c, content);
  return (
    <h3 id={id}>
      {href ? <a href={href}>{name}</a> : name}
      {content.hidden && <span class="review-badge review-badge-hidden">{t("moderation.queue.hiddenBadge")}</span>}
    </h3>
  );
}

function QueueEntry({ c, item }: { c: AppContext; item: QueueItem }) {
  const { tr } = c.var;
  const t = tr.t;
  const headingId = `queue-${item.subjectType}-${item.subjectId}`;
  const name = item.content ? subjectName(c, item.content) : t("moderation.queue.gone");
  return (
    <li class="moderation-item">
      <article aria-labelledby={headingId}>
        <p class="muted">{typeLabel(c, item.subjectType)}</p>
        <SubjectHeading c={c} content={item.content} id={headingId} />
        {item.content && <SubjectBody c={c} content={item.content} />}
        <h4>{plural(tr, "moderation.queue.reports", item.reports.length)}</h4>
        <ul class="report-list">
          {item.reports.map((report) => (
            <li>
              <strong>{t(`moderation.reason.${report.reason}` as MessageKey)}</strong>
              {" · "}
              {report.reporterName ?? t("moderation.queue.formerReporter")}
              {" · "}
              {tr.dateTime(report.createdAt)}
              {report.note && <blockquote>{report.note}</blockquote>}
            </li>
          ))}
        </ul>
        <DecisionForm
          c={c}
          subjectType={item.subjectType}
          subjectId={item.subjectId}
          hidden={item.content ? item.content.hidden : null}
          canDismiss
          name={name}
        />
      </article>
    </li>
  );
}

function DecisionsTable({ c, actions }: { c: AppContext; actions: RecordedAction[] }) {
  const { tr } = c.var;
  const t = tr.t;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("moderation.log.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("moderation.log.time")}</th>
            <th scope="col">{t("moderation.log.moderator")}</th>
            <th scope="col">{t("moderation.log.action")}</th>
            <th scope="col">{t("moderation.log.subject")}</th>
            <th scope="col">{t("moderation.log.note")}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr>
              <td>{tr.dateTime(a.createdAt)}</td>
              <td>{a.moderatorName ?? t("moderation.log.formerModerator")}</td>
              <td>{t(`moderation.action.${a.action}` as MessageKey)}</td>
              <td>
                {typeLabel(c, a.subjectType)} <code>{a.subjectId}</code>
              </td>
              <td>{a.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function moderationPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use(requireRole("moderator"));

  app.get("/", async (c) => {
    const t = c.var.tr.t;
    const [queue, hidden, actions] = [await openQueue(deps.db), await hiddenItems(deps.db), await recentActions(deps.db)];
    return render(
      c,
      t("moderation.title"),
      <>
        <h1>{t("moderation.title")}</h1>
        <p>{t("moderation.intro")}</p>
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading">{t("moderation.queue.title", { count: queue.length })}</h2>
          {queue.length ? (
            <ol class="moderation-queue">
              {queue.map((item) => (
                <QueueEntry c={c} item={item} />
              ))}
            </ol>
          ) : (
            <p>{t("moderation.queue.empty")}</p>
          )}
        </section>
        <section aria-labelledby="hidden-heading">
          <h2 id="hidden-heading">{t("moderation.hidden.title")}</h2>
          {hidden.length ? (
            <ul class="moderation-queue">
              {hidden.map((content) => {
                const headingId = `hidden-${content.type}-${content.id}`;
                return (
                  <li class="moderation-item">
                    <article aria-labelledby={headingId}>
                      <p class="muted">{typeLabel(c, content.type)}</p>
                      <SubjectHeading c={c} content={content} id={headingId} />
                      <DecisionForm
                        c={c}
                        subjectType={content.type}
                        subjectId={content.id}
                        hidden
                        canDismiss={false}
                        name={subjectName(c, content)}
                      />
                    </article>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>{t("moderation.hidden.empty")}</p>
          )}
        </section>
        <section aria-labelledby="log-heading">
          <h2 id="log-heading">{t("moderation.log.title")}</h2>
          {actions.length ? <DecisionsTable c={c} actions={actions} /> : <p>{t("moderation.log.empty")}</p>}
        </section>
      </>,
    );
  });

  app.post("/actions", async (c) => {
    const parsed = decision.safeParse(await formFields(c));
    if (!parsed.success) return errorPage(c, "404");
    const result = await moderate(deps.db, deps.clock, actor(c), parsed.data);
    if (!result.ok) {
      if (result.error === "nothing-open") return redirectWith(c, "/moderation", "moderation.done.nothingOpen", "warning");
      return errorPage(c, result.error === "forbidden" ? "403" : "404");
    }
    return redirectWith(c, "/moderation", `moderation.done.${parsed.data.action}` as MessageKey);
  });

  return app;
}
