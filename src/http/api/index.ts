// The JSON API: /api/v1 (one route and handler file per resource), its OpenAPI 3.1 document at
// /api/openapi.json, and the reference page at /api/docs rendered from that same document.
import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono, type MiddlewareHandler } from "hono";
import type { Deps } from "../../compose.ts";
import { hitRateLimit, RATE_LIMITS } from "../../modules/accounts/index.ts";
import type { AppEnv } from "../context.ts";
import { clientKey } from "../pages/account/client-key.ts";
import { problem } from "../problem.ts";
import { branchesHandlers } from "./branches.handlers.ts";
import { catalogHandlers } from "./catalog.handlers.ts";
import { apiReferencePage } from "./docs.page.tsx";
import { listsHandlers } from "./lists.handlers.ts";
import { meHandlers } from "./me.handlers.ts";
import { type OpenApiDocument, openApiDocument } from "./openapi.ts";
import { readingHandlers } from "./reading.handlers.ts";
import { tokensHandlers } from "./tokens.handlers.ts";
import { validationProblem } from "./validation-problem.ts";

export function apiRoutes(deps: Deps) {
  const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationProblem });
  meHandlers(v1, deps);
  tokensHandlers(v1, deps);
  branchesHandlers(v1, deps);
  catalogHandlers(v1, deps);
  readingHandlers(v1, deps);
  listsHandlers(v1, deps);

  // The document only changes with the code, so it is built once, on first use.
  const buildDocument = openApiDocument(v1, deps.config.baseUrl);
  let document: OpenApiDocument | undefined;
  const getDocument = () => {
    document ??= buildDocument();
    return document;
  };

  const api = new Hono<AppEnv>();
  api.use("/v1/*", limitWrites(deps));
  api.route("/v1", v1);
  api.get("/openapi.json", (c) => c.json(getDocument()));
  api.get("/docs", (c) => apiReferencePage(c, getDocument()));
  return api;
}

/** Writes are limited per person, so a runaway script cannot flood the library's data; reads are cheap and free. */
function limitWrites(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    const who = c.var.user?.id ?? clientKey(c, deps.secretKey, deps.config.trustProxy);
    const result = await hitRateLimit(deps.db, deps.clock, `api-write:${who}`, RATE_LIMITS.apiWrite);
    if (!result.allowed) {
      c.header("Retry-After", String(result.retryAfterSeconds));
      const t = c.var.tr.t;
      return problem(
        c,
        429,
        t("error.rateLimited.title"),
        t("error.rateLimited.text", { minutes: Math.ceil(result.retryAfterSeconds / 60) }),
      );
    }
    return next();
  };
}
