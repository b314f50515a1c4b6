// Catalogue imports: upload a file (the worker imports it), follow its progress live, read its report.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Hono } from "hono";
import { uuidv7 } from "uuidv7";
import type { Deps } from "../../../compose.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import {
  type BadRecord,
  CSV_COLUMNS,
  detectFormat,
  getImportRun,
  type ImportFormat,
  type ImportRun,
  listImportRuns,
  queueImport,
} from "../../../modules/catalog/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { CsrfField, ErrorSummary, type Errors, Notice, Select } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { adminRender } from "./admin-layout.tsx";
import { actor, uuidParam } from "./admin-request.ts";

const MAX_BYTES = 200 * 1024 * 1024;
const FORMATS = ["auto", "marc", "marcxml", "csv"] as const;

const statusKey = (run: ImportRun) => `admin.imports.status.${run.status}` as MessageKey;
const inProgress = (run: ImportRun) => run.status === "queued" || run.status === "running";

function formatBytes(c: AppContext, n: number) {
  return c.var.tr.number(n / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
}

function UploadForm({ c, errors }: { c: AppContext; errors?: Errors }) {
  const t = c.var.tr.t;
  return (
    <form method="post" action="/admin/imports" enctype="multipart/form-data" class="stack" novalidate>
      <CsrfField c={c} />
      <ErrorSummary c={c} errors={errors} />
      <div class={`field${errors?.file ? " field-error" : ""}`}>
        <label for="field-file">{t("admin.imports.file")}</label>
        <p class="hint" id="field-file-hint">
          {t("admin.imports.file.hint")}
        </p>
        {errors?.file && (
          <p class="error-message" id="field-file-error">
            {t(errors.file as MessageKey)}
          </p>
        )}
        <input
          type="file"
          id="field-file"
          name="file"
          accept=".mrc,.marc,.dat,.iso,.xml,.csv"
          aria-describedby={errors?.file ? "field-file-hint field-file-error" : "field-file-hint"}
          aria-invalid={errors?.file ? "true" : undefined}
          required
        />
      </div>
      <Select
        c={c}
        name="format"
        label={t("admin.imports.format")}
        value="auto"
        options={FORMATS.map((f) => ({ value: f, label: t(`admin.imports.format.${f}`) }))}
      />
      <button type="submit">{t("admin.imports.submit")}</button>
    </form>
  );
}

function RunsTable({ c, runs }: { c: AppContext; runs: ImportRun[] }) {
  const { tr } = c.var;
  const t = tr.t;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("admin.imports.history")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.imports.when")}</th>
            <th scope="col">{t("admin.imports.fileName")}</th>
            <th scope="col">{t("admin.imports.status")}</th>
            <th scope="col">{t("admin.imports.imported")}</th>
            <th scope="col">{t("admin.imports.updated")}</th>
            <th scope="col">{t("admin.imports.failed")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr>
              <td>{tr.dateTime(run.createdAt)}</td>
              <td>
                <a href={`/admin/imports/${run.id}`}>{run.fileName}</a>
              </td>
              <td>{t(statusKey(run))}</td>
              <td>{tr.number(run.imported)}</td>
              <td>{tr.number(run.updated)}</td>
              <td>{tr.number(run.failed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProblemsTable({ c, run }: { c: AppContext; run: ImportRun }) {
  const { tr } = c.var;
  const t = tr.t;
  const problems = run.problems as BadRecord[];
  if (run.failed === 0) return <p>{t("admin.imports.problems.none")}</p>;
  return (
    <>
      {problems.length < run.failed && <p>{t("admin.imports.problems.more", { shown: problems.length, total: run.failed })}</p>}
      <div class="table-scroll">
        <table>
          <caption>{t("admin.imports.problems")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.imports.position")}</th>
              <th scope="col">{t("admin.imports.offset")}</th>
              <th scope="col">{t("admin.imports.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr>
                <td>{tr.number(p.position)}</td>
                <td>{p.offset === null ? "—" : tr.number(p.offset)}</td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function importPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const page = async (c: AppContext, errors?: Errors) => {
    const t = c.var.tr.t;
    const runs = await listImportRuns(deps.db);
    return adminRender(
      c,
      t("admin.imports.title"),
      <>
        <h1>{t("admin.imports.title")}</h1>
        <p>{t("admin.imports.intro")}</p>
        <UploadForm c={c} errors={errors} />
        <details>
          <summary>{t("admin.imports.csvHelp")}</summary>
          <p>{t("admin.imports.csvHelp.text")}</p>
          <p>
            <code>{CSV_COLUMNS.join(", ")}</code>
          </p>
        </details>
        <h2>{t("admin.imports.history")}</h2>
        {runs.length === 0 ? <p>{t("admin.imports.none")}</p> : <RunsTable c={c} runs={runs} />}
      </>,
      errors ? (errors.file === "admin.imports.tooLarge" ? 413 : 422) : 200,
    );
  };

  app.get("/", (c) => page(c));
  app.post("/", async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return page(c, { file: "admin.imports.noFile" });
    if (file.size > MAX_BYTES) return page(c, { file: "admin.imports.tooLarge" });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const chosen = typeof body.format === "string" && (FORMATS as readonly string[]).includes(body.format) ? body.format : "auto";
    const format: ImportFormat = chosen === "auto" ? detectFormat(bytes.subarray(0, 64), file.name) : (chosen as ImportFormat);
    // The worker reads the file from DATA_DIR, which web and worker processes share.
    const relative = path.join("imports", `${uuidv7()}${path.extname(file.name).slice(0, 8)}`);
    await mkdir(path.resolve(deps.config.dataDir, "imports"), { recursive: true });
    await writeFile(path.resolve(deps.config.dataDir, relative), bytes);
    const run = await queueImport(deps.db, deps.jobs, {
      fileName: file.name.slice(0, 200),
      filePath: relative,
      format,
      totalBytes: bytes.length,
      startedBy: actor(c).id,
    });
    return redirectWith(c, `/admin/imports/${run.id}`, "admin.imports.queued", "info");
  });

  app.get("/:id", async (c) => {
    const id = uuidParam(c);
    const run = id ? await getImportRun(deps.db, id) : null;
    if (!run) return errorPage(c, "404");
    const { tr } = c.var;
    const t = tr.t;
    const live = inProgress(run);
    return adminRender(
      c,
      t("admin.imports.run.title", { file: run.fileName }),
      <>
        <h1>{t("admin.imports.run.title", { file: run.fileName })}</h1>
        <p>
          <a href="/admin/imports">{t("admin.imports.back")}</a>
        </p>
        <dl class="details">
          <dt>{t("admin.imports.status")}</dt>
          <dd role="status">{t(statusKey(run))}</dd>
          <dt>{t("admin.imports.when")}</dt>
          <dd>{tr.dateTime(run.createdAt)}</dd>
        </dl>
        {run.error && <Notice kind="warning">{t("admin.imports.error", { error: run.error })}</Notice>}
        <label for="import-progress">{t("admin.imports.progress")}</label>
        <progress
          id="import-progress"
          max={Math.max(run.totalBytes, 1)}
          value={run.status === "done" ? Math.max(run.totalBytes, 1) : run.bytesRead}
        >
          {t("admin.imports.progress.text", { read: formatBytes(c, run.bytesRead), total: formatBytes(c, run.totalBytes) })}
        </progress>
        <p>{t("admin.imports.progress.text", { read: formatBytes(c, run.bytesRead), total: formatBytes(c, run.totalBytes) })}</p>
        {live && <p class="muted">{t("admin.imports.refreshing")}</p>}
        <table>
          <caption>{t("admin.imports.counts")}</caption>
          <tbody>
            {(["processed", "imported", "updated", "unchanged", "failed"] as const).map((k) => (
              <tr>
                <th scope="row">{t(`admin.imports.${k}`)}</th>
                <td>{tr.number(run[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t("admin.imports.problems")}</h2>
        <ProblemsTable c={c} run={run} />
      </>,
      200,
      // Without JavaScript the page follows the import by reloading itself; it stops once the run is over.
      live ? { head: <meta http-equiv="refresh" content="3" /> } : {},
    );
  });

  return app;
}
