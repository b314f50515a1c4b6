import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import { recentAudit } from "../../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { adminRender } from "./admin-layout.tsx";

type AuditEntry = Awaited<ReturnType<typeof recentAudit>>[number];

const AUDIT_ROWS = 100;

/** Details are small JSON objects written by the services; an empty one says nothing worth a cell. */
function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return "";
  if (typeof details === "object" && Object.keys(details).length === 0) return "";
  return JSON.stringify(details);
}

function AuditTable({ c, entries }: { c: AppContext; entries: AuditEntry[] }) {
  const { tr } = c.var;
  const t = tr.t;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("admin.audit.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.audit.time")}</th>
            <th scope="col">{t("admin.audit.actor")}</th>
            <th scope="col">{t("admin.audit.action")}</th>
            <th scope="col">{t("admin.audit.subject")}</th>
            <th scope="col">{t("admin.audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const details = describeDetails(e.details);
            return (
              <tr>
                <td>{tr.dateTime(e.createdAt)}</td>
                <td>{e.actor ?? t("admin.audit.noActor")}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <code>{e.subject}</code>
                </td>
                <td>{details && <code class="admin-audit-details">{details}</code>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function auditPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const t = c.var.tr.t;
    const entries = await recentAudit(deps.db, AUDIT_ROWS);
    return adminRender(
      c,
      t("admin.audit.title"),
      <>
        <h1>{t("admin.audit.title")}</h1>
        <p>{t("admin.audit.intro")}</p>
        {entries.length === 0 ? <p>{t("admin.audit.empty")}</p> : <AuditTable c={c} entries={entries} />}
      </>,
    );
  });

  return app;
}
