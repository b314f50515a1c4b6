import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import type { AppEnv } from "../../context.ts";
import type { SettingsCache } from "../../middleware/session.ts";

export function adminPages(_deps: Deps, _cache: SettingsCache) {
  return new Hono<AppEnv>();
}
