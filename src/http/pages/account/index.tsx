import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import type { AppEnv } from "../../context.ts";

export function accountPages(_deps: Deps) {
  return new Hono<AppEnv>();
}
