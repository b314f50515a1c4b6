import type { MiddlewareHandler } from "hono";
import type { Deps } from "../../compose.ts";
import { hitRateLimit, type RateLimitRule } from "../../modules/accounts/index.ts";
import type { AppEnv } from "../context.ts";
import { errorPage } from "../pages/errors.page.tsx";

/** Pages that let a signed-in person write what others read are limited per person (rules beside each use). */
export function limitPerPerson(deps: Deps, name: string, rule: RateLimitRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) return next();
    const result = await hitRateLimit(deps.db, deps.clock, `${name}:${user.id}`, rule);
    if (!result.allowed) {
      c.header("Retry-After", String(result.retryAfterSeconds));
      return errorPage(c, "rateLimited", { minutes: Math.ceil(result.retryAfterSeconds / 60) });
    }
    return next();
  };
}
