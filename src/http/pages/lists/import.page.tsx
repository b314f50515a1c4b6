// /shelves/import: a patron uploads their Goodreads or StoryGraph export and sees, row by row, what went on
// which shelf and what could not be matched, each with a search to find it by hand.
import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import { type HistoryReport, importReadingHistory } from "../../../modules/reading/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { requireUser } from "../../middleware/guards.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { workPath } from "../catalog/work-paths.ts";
import { CsrfField, ErrorSummary, errorText } from "../components/form.tsx";
import { render } from "../layout.tsx";
import { searchFor } from "./labels.ts";

/** A generous export: a reader with thousands of books and long reviews stays well under this. */
export const HISTORY_MAX_BYTES = 10 * 1024 * 1024;

function UploadForm({ c, error }: { c: AppContext; error?: MessageKey | undefined }) {
  const t = c.var.tr.t;
  return (
    <>
      <ErrorSummary c={c} errors={error ? { file: error } : undefined} />
      <form method="post" action="/shelves/import" enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField c={c} />
        <div class={`field${error ? " field-error" : ""}`}>
          <label for="field-file">{t("lists.import.file")}</label>
          <p class="hint" id="field-file-hint">
            {t("lists.import.file.hint")}
          </p>
          {error && (
            <p class="error-message" id="field-file-error">
              {errorText(c, error)}
            </p>
          )}
          <input
            type="file"
            id="field-file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby={error ? "field-file-hint field-file-error" : "field-file-hint"}
            aria-invalid={error ? "true" : undefined}
            required
          />
        </div>
        <button type="submit">{t("lists.import.submit")}</button>
      </form>
    </>
  );
}

function formPage(c: AppContext, error?: MessageKey) {
  const t = c.var.tr.t;
  return render(
    c,
    t("lists.import.title"),
    <>
      <h1>{t("lists.import.title")}</h1>
      <p>{t("lists.import.intro")}</p>
      <ul>
        <li>{t("lists.import.goodreads")}</li>
        <li>{t("lists.import.storygraph")}</li>
      </ul>
      <p>{t("lists.import.privacy")}</p>
      <UploadForm c={c} error={error} />
    </>,
    error === "lists.import.tooLarge" ? 413 : error ? 422 : 200,
  );
}

function reportPage(c: AppContext, report: HistoryReport) {
  const { tr } = c.var;
  const t = tr.t;
  return render(
    c,
    t("lists.import.reportTitle"),
    <>
      <h1>{t("lists.import.reportTitle")}</h1>
      <p role="status">
        {t(`lists.import.source.${report.source}`)} {plural(tr, "lists.import.imported", report.imported.length)}{" "}
        {plural(tr, "lists.import.unmatched", report.unmatched.length)}{" "}
        {plural(tr, "lists.import.problems", report.problems.length)}
      </p>
      <p class="actions">
        <a href="/shelves">{t("lists.import.toShelves")}</a>
        <a href="/shelves/import">{t("lists.import.again")}</a>
      </p>
      {report.unmatched.length > 0 && (
        <section aria-labelledby="import-unmatched">
          <h2 id="import-unmatched">{t("lists.import.unmatchedHeading")}</h2>
          <p>{t("lists.import.unmatchedIntro")}</p>
          <div class="table-scroll">
            <table>
              <caption>{t("lists.import.unmatchedCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("lists.import.col.row")}</th>
                  <th scope="col">{t("lists.import.col.title")}</th>
                  <th scope="col">{t("lists.import.col.author")}</th>
                  <th scope="col">{t("lists.import.col.find")}</th>
                </tr>
              </thead>
              <tbody>
                {report.unmatched.map((r) => (
                  <tr>
                    <td>{tr.number(r.row)}</td>
                    <td>{r.title}</td>
                    <td>{r.author}</td>
                    <td>
                      <a href={searchFor(r.title, r.author)}>
                        {t("lists.import.search")}
                        <span class="visually-hidden">: {r.title}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {report.problems.length > 0 && (
        <section aria-labelledby="import-problems">
          <h2 id="import-problems">{t("lists.import.problemsHeading")}</h2>
          <div class="table-scroll">
            <table>
              <caption>{t("lists.import.problemsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("lists.import.col.row")}</th>
                  <th scope="col">{t("lists.import.col.title")}</th>
                  <th scope="col">{t("lists.import.col.author")}</th>
                  <th scope="col">{t("lists.import.col.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((r) => (
                  <tr>
                    <td>{tr.number(r.row)}</td>
                    <td>{r.title}</td>
                    <td>{r.author}</td>
                    <td>{t(`lists.import.problem.${r.problem}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {report.imported.length > 0 && (
        <section aria-labelledby="import-matched">
          <h2 id="import-matched">{t("lists.import.matchedHeading")}</h2>
          <div class="table-scroll">
            <table>
              <caption>{t("lists.import.matchedCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("lists.import.col.row")}</th>
                  <th scope="col">{t("lists.import.col.work")}</th>
                  <th scope="col">{t("lists.import.col.shelf")}</th>
                  <th scope="col">{t("lists.import.col.matchedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {report.imported.map((r) => (
                  <tr>
                    <td>{tr.number(r.row)}</td>
                    <td>
                      <a href={workPath(r.workId)}>{r.workTitle}</a>
                    </td>
                    <td>{t(`lists.shelf.kind.${r.shelf}`)}</td>
                    <td>
                      {t(`lists.import.matchedBy.${r.matchedBy}`)}
                      {r.rated && ` · ${t("lists.import.rated")}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>,
  );
}

const FILE_ERRORS = {
  unreadable: "lists.import.unreadable",
  "unknown-format": "lists.import.unknownFormat",
  empty: "lists.import.empty",
} as const satisfies Record<string, MessageKey>;

export function importPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use("/shelves/import", requireUser);
  app.get("/shelves/import", (c) => formPage(c));
  // The report is the answer to the upload itself: shelving the same rows twice changes nothing, so a
  // reload that sends the file again is harmless, and nothing needs to be kept to show it.
  app.post("/shelves/import", async (c) => {
    const user = c.var.user;
    if (!user) throw new Error("requireUser let a signed-out request through");
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return formPage(c, "lists.import.noFile");
    if (file.size > HISTORY_MAX_BYTES) return formPage(c, "lists.import.tooLarge");
    const text = new TextDecoder("utf-8").decode(await file.arrayBuffer());
    const result = await importReadingHistory(deps, user.id, text);
    return result.ok ? reportPage(c, result.value) : formPage(c, FILE_ERRORS[result.error]);
  });
  return app;
}
