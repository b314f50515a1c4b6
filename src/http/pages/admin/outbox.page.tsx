import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import type { OutboxEntry } from "../../../mail/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { Notice } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { adminRender } from "./admin-layout.tsx";

function OutboxTable({ c, entries }: { c: AppContext; entries: OutboxEntry[] }) {
  const { tr } = c.var;
  const t = tr.t;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("admin.outbox.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.outbox.date")}</th>
            <th scope="col">{t("admin.outbox.to")}</th>
            <th scope="col">{t("admin.outbox.subject")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              {/* The date comes from the message's own header, which may not parse. */}
              <td>{Number.isNaN(e.date.getTime()) ? t("admin.outbox.unknownDate") : tr.dateTime(e.date)}</td>
              <td>{e.to}</td>
              <td>
                <a href={`/admin/outbox/${encodeURIComponent(e.file)}`}>{e.subject || t("admin.outbox.noSubject")}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function outboxPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const t = c.var.tr.t;
    const smtp = deps.mailer.mode === "smtp";
    const entries = smtp ? [] : await deps.mailer.outbox();
    return adminRender(
      c,
      t("admin.outbox.title"),
      <>
        <h1>{t("admin.outbox.title")}</h1>
        {smtp ? (
          <Notice>{t("admin.outbox.smtp")}</Notice>
        ) : (
          <>
            <p>{t("admin.outbox.intro")}</p>
            {entries.length === 0 ? <p>{t("admin.outbox.empty")}</p> : <OutboxTable c={c} entries={entries} />}
          </>
        )}
      </>,
    );
  });

  app.get("/:file", async (c) => {
    // readOutbox accepts only outbox file names, so the parameter cannot reach another file.
    const text = await deps.mailer.readOutbox(c.req.param("file"));
    if (text === null) return errorPage(c, "404");
    const t = c.var.tr.t;
    return adminRender(
      c,
      t("admin.outbox.message"),
      <>
        <h1>{t("admin.outbox.message")}</h1>
        <p>{t("admin.outbox.raw")}</p>
        <pre>{text}</pre>
        <p>
          <a href="/admin/outbox">{t("admin.outbox.back")}</a>
        </p>
      </>,
    );
  });

  return app;
}
