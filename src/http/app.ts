// createApp(deps): one Hono app that serves the pages, the JSON API and the health checks.
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { uuidv7 } from "uuidv7";
import type { Deps } from "../compose.ts";
import { translator } from "../i18n/index.ts";
import { DEFAULT_SETTINGS } from "../modules/accounts/index.ts";
import { apiRoutes } from "./api/index.ts";
import type { AppContext, AppEnv } from "./context.ts";
import { csrf } from "./middleware/csrf.ts";
import { flash } from "./middleware/flash.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { identify, settingsCache } from "./middleware/session.ts";
import { accountPages } from "./pages/account/index.tsx";
import { adminPages } from "./pages/admin/index.tsx";
import { catalogPages } from "./pages/catalog/index.tsx";
import { errorPage } from "./pages/errors.page.tsx";
import { homePages } from "./pages/home.page.tsx";
import { HISTORY_MAX_BYTES, listsAndShelvesPages } from "./pages/lists/index.tsx";
import { moderationPages } from "./pages/moderation/index.tsx";
import { readingPages } from "./pages/reading/index.tsx";
import { problem } from "./problem.ts";
import { staticFiles } from "./static.ts";

const isApi = (c: AppContext) => c.req.path.startsWith("/api/");
const FORM_LIMIT = 1024 * 1024;
const UPLOAD_LIMIT = 210 * 1024 * 1024;
const COVER_LIMIT = 6 * 1024 * 1024;
/** A reading-history export with room for the multipart envelope around it. */
const HISTORY_UPLOAD_LIMIT = HISTORY_MAX_BYTES + 64 * 1024;

/** Forms and API calls are small; only uploads (catalogue files, reading histories, covers) are large. */
function bodyLimitFor(path: string): number {
  if (path === "/admin/imports") return UPLOAD_LIMIT;
  if (path === "/shelves/import") return HISTORY_UPLOAD_LIMIT;
  if (/^\/works\/[^/]+\/cover$/.test(path)) return COVER_LIMIT;
  return FORM_LIMIT;
}

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const cache = settingsCache(deps);

  app.use(async (c, next) => {
    const requestId = uuidv7();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    // No client address is logged: the least we can collect.
    deps.log.debug("request", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(securityHeaders(deps.config.baseUrl.startsWith("https:")));

  app.get("/static/*", staticFiles());
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const checks = { database: false, queue: false };
    try {
      await deps.database.rows(sql`select 1`);
      checks.database = true;
    } catch {}
    checks.queue = await deps.jobs.ready();
    const ready = checks.database && checks.queue;
    return c.json({ status: ready ? "ready" : "not-ready", checks }, ready ? 200 : 503);
  });

  app.use(identify(deps, cache));
  // Bodies are bounded before anything reads them: forms and API calls are small; only catalogue
  // uploads are large.
  app.use(async (c, next) => {
    const maxSize = bodyLimitFor(c.req.path);
    return bodyLimit({
      maxSize,
      onError: (c) =>
        isApi(c)
          ? problem(c, 413, "Request body too large", `At most ${maxSize} bytes.`)
          : errorPage(c as AppContext, "tooLarge"),
    })(c, next);
  });
  app.use(flash);
  app.use(
    csrf(deps, {
      onFailure: (c) =>
        isApi(c)
          ? problem(c, 403, "CSRF token missing or invalid", "Send the X-CSRF-Token header, or authenticate with a bearer token.")
          : errorPage(c, "csrf"),
      // Only the session cookie is ambient: an API call with a bearer token (valid or not) or with no
      // session at all has nothing to forge, and is answered by the API's own 401/403.
      exempt: (c) => isApi(c) && (!!c.req.header("authorization") || !c.get("sessionToken")),
    }),
  );

  app.route("/api", apiRoutes(deps));
  app.route("/", homePages(deps));
  app.route("/", accountPages(deps));
  app.route("/", catalogPages(deps));
  app.route("/", listsAndShelvesPages(deps));
  app.route("/", readingPages(deps));
  app.route("/moderation", moderationPages(deps));
  app.route("/admin", adminPages(deps, cache));

  app.notFound((c) => (isApi(c) ? problem(c, 404, "Not found") : errorPage(c, "404")));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return isApi(c)
        ? problem(c, error.status, error.message || "Bad request")
        : errorPage(c, error.status === 403 ? "403" : "404");
    }
    deps.log.error("unhandled error", { requestId: c.get("requestId"), error: error.stack ?? String(error) });
    if (isApi(c)) return problem(c, 500, "Internal server error", `Quote request id ${c.get("requestId")} when reporting this.`);
    // The error may have happened before the page context was ready.
    if (!c.get("tr")) c.set("tr", translator("en"));
    if (!c.get("library")) c.set("library", DEFAULT_SETTINGS);
    if (c.get("user") === undefined) c.set("user", null);
    if (c.get("flash") === undefined) c.set("flash", null);
    return errorPage(c, "500");
  });
  return app;
}
