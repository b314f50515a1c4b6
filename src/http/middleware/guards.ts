import type { MiddlewareHandler } from "hono";
import type { Role } from "../../db/schema/index.ts";
import { hasRole } from "../../modules/accounts/index.ts";
import type { AppEnv } from "../context.ts";
import { errorPage } from "../pages/errors.page.tsx";

/** Pages: signed-out visitors go to sign-in (and come back); the wrong role gets a 403 page. */
export const requireRole =
  (role: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const user = c.get("user");
    if (!user) {
      const back = c.req.method === "GET" ? c.req.path + new URL(c.req.url).search : "/";
      return c.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
    }
    if (!hasRole(user, role)) return errorPage(c, "403");
    await next();
  };

export const requireUser = requireRole("patron");

/** Only same-site paths are followed after sign-in, never another host. */
export function safeNext(value: unknown, fallback = "/"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : fallback;
}
