// The public catalogue: /search, the record page of each work, and its cover (uploaded, or generated here).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { hasRole } from "../../../modules/accounts/index.ts";
import {
  findWork,
  removeCover,
  saveCover,
  searchCatalog,
  searchParamsSchema,
  similarWorks,
  toSearchRequest,
} from "../../../modules/catalog/index.ts";
import { loadReader } from "../../../modules/reading/index.ts";
import { fieldProblems } from "../../api/validation-problem.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireRole } from "../../middleware/guards.ts";
import { CsrfField } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { AddToListForm, ListsContaining, ShelveForm } from "../lists/sections.tsx";
import { RatingSection, ReviewsSection, TagsSection } from "../reading/sections.tsx";
import { placeholderCoverSvg } from "./cover-svg.ts";
import { searchPage } from "./search.page.tsx";
import { workPage } from "./work.page.tsx";

const workId = z.uuid();

/** Raster images only: an uploaded SVG could carry script. */
const COVER_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
};

export function catalogPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/search", async (c) => {
    // An empty field of the search form means "any", as if it had not been sent.
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value.trim() !== ""));
    const parsed = searchParamsSchema.safeParse(query);
    if (!parsed.success) {
      return searchPage(c, {
        kind: "invalid",
        params: { q: typeof query.q === "string" ? query.q : "" },
        problems: fieldProblems(parsed.error, query, c.var.tr),
      });
    }
    const result = await searchCatalog(deps.db, toSearchRequest(parsed.data), c.var.tr.locale);
    return searchPage(c, { kind: "result", params: parsed.data, result });
  });

  app.get("/works/:id", async (c) => {
    const work = await workOr404(c, deps);
    if (!work) return errorPage(c, "404");
    // One reader lookup serves the three reading sections.
    const options = { reader: await loadReader(deps.db, deps.clock, c.var.user) };
    const section = { deps, c, workId: work.id };
    const community = (
      <>
        {await RatingSection(deps, c, work.id, options)}
        {await ReviewsSection(deps, c, work.id, options)}
        {await TagsSection(deps, c, work.id, options)}
        {await ShelveForm(section)}
        {await AddToListForm(section)}
        {await ListsContaining(section)}
        {hasRole(c.var.user, "staff") && <CoverForm c={c} workId={work.id} hasCover={!!work.coverPath} />}
      </>
    );
    return workPage(c, deps.config.baseUrl, work, await similarWorks(deps.db, work.id), community);
  });

  app.get("/works/:id/cover.svg", async (c) => {
    const work = await workOr404(c, deps);
    if (!work) return errorPage(c, "404");
    const author = work.contributors[0]?.name ?? null;
    const label = author
      ? c.var.tr.t("catalog.cover.labelWithAuthor", { title: work.title, author })
      : c.var.tr.t("catalog.cover.label", { title: work.title });
    const svg = placeholderCoverSvg({ id: work.id, title: work.title, author, label });
    return c.body(svg, 200, { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=3600" });
  });

  app.get("/works/:id/cover", async (c) => {
    const work = await workOr404(c, deps);
    const file = work?.coverPath ? await readCover(deps.config.dataDir, work.coverPath) : null;
    if (!file) return errorPage(c, "404");
    return c.body(new Uint8Array(file.body), 200, { "content-type": file.type, "cache-control": "public, max-age=3600" });
  });

  // Staff choose a cover; the file is checked by its bytes and kept in DATA_DIR/uploads/covers.
  app.post("/works/:id/cover", requireRole("staff"), async (c) => {
    const work = await workOr404(c, deps);
    if (!work) return errorPage(c, "404");
    const file = (await c.req.parseBody()).cover;
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const saved = await saveCover(deps.db, deps.clock, deps.config.dataDir, work.id, bytes);
    if (!saved.ok) {
      const key = saved.error === "too-large" ? "catalog.cover.tooLarge" : "catalog.cover.notAnImage";
      return redirectWith(c, `/works/${work.id}#cover`, key, "warning");
    }
    return redirectWith(c, `/works/${work.id}`, "catalog.cover.saved");
  });
  app.post("/works/:id/cover/delete", requireRole("staff"), async (c) => {
    const work = await workOr404(c, deps);
    if (!work) return errorPage(c, "404");
    await removeCover(deps.db, deps.clock, deps.config.dataDir, work.id);
    return redirectWith(c, `/works/${work.id}`, "catalog.cover.removed");
  });

  return app;
}

function CoverForm({ c, workId, hasCover }: { c: AppContext; workId: string; hasCover: boolean }) {
  const t = c.var.tr.t;
  return (
    <section aria-labelledby="cover-heading" id="cover">
      <h2 id="cover-heading">{t("catalog.cover.heading")}</h2>
      <form method="post" action={`/works/${workId}/cover`} enctype="multipart/form-data" class="stack">
        <CsrfField c={c} />
        <div class="field">
          <label for="cover-file">{t("catalog.cover.file")}</label>
          <p class="hint" id="cover-file-hint">
            {t("catalog.cover.hint")}
          </p>
          <input
            type="file"
            id="cover-file"
            name="cover"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-describedby="cover-file-hint"
            required
          />
        </div>
        <button type="submit">{t("catalog.cover.upload")}</button>
      </form>
      {hasCover && (
        <form method="post" action={`/works/${workId}/cover/delete`} class="inline-form">
          <CsrfField c={c} />
          <button type="submit" class="secondary">
            {t("catalog.cover.remove")}
          </button>
        </form>
      )}
    </section>
  );
}

async function workOr404(c: AppContext, deps: Deps) {
  const id = workId.safeParse(c.req.param("id"));
  return id.success ? findWork(deps.db, id.data) : null;
}

/** An uploaded cover, read only from inside DATA_DIR and only when it is a raster image. */
async function readCover(dataDir: string, relative: string) {
  const root = path.resolve(dataDir);
  const file = path.resolve(root, relative);
  const type = COVER_TYPES[path.extname(file).toLowerCase()];
  if (!type || !file.startsWith(root + path.sep)) return null;
  try {
    return { body: await readFile(file), type };
  } catch {
    return null;
  }
}
