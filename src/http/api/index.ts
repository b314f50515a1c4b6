// The JSON API: /api/v1 (one route and handler file per resource), its OpenAPI 3.1 document at
// /api/openapi.json, and the reference page at /api/docs rendered from that same document.
import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { Deps } from "../../compose.ts";
import type { AppEnv } from "../context.ts";
import { branchesHandlers } from "./branches.handlers.ts";
import { apiReferencePage } from "./docs.page.tsx";
import { meHandlers } from "./me.handlers.ts";
import { type OpenApiDocument, openApiDocument } from "./openapi.ts";
import { tokensHandlers } from "./tokens.handlers.ts";
import { validationProblem } from "./validation-problem.ts";

export function apiRoutes(deps: Deps) {
  const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationProblem });
  meHandlers(v1, deps);
  tokensHandlers(v1, deps);
  branchesHandlers(v1, deps);

  // The document only changes with the code, so it is built once, on first use.
  const buildDocument = openApiDocument(v1, deps.config.baseUrl);
  let document: OpenApiDocument | undefined;
  const getDocument = () => {
    document ??= buildDocument();
    return document;
  };

  const api = new Hono<AppEnv>();
  api.route("/v1", v1);
  api.get("/openapi.json", (c) => c.json(getDocument()));
  api.get("/docs", (c) => apiReferencePage(c, getDocument()));
  return api;
}
