import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import type { AppEnv } from "../../context.ts";
import { accountPages as ownPages } from "./account.pages.tsx";
import { authPages } from "./auth.pages.tsx";

export function accountPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.route("/", authPages(deps));
  app.route("/", ownPages(deps));
  return app;
}
