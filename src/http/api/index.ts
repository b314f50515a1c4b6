import { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../compose.ts";
import type { AppEnv } from "../context.ts";

export function apiRoutes(_deps: Deps) {
  const api = new OpenAPIHono<AppEnv>();
  api.doc31("/openapi.json", { openapi: "3.1.0", info: { title: "Circulate API", version: "1.0.0" } });
  return api;
}
