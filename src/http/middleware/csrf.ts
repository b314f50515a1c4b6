import type { MiddlewareHandler } from "hono";
import type { Deps } from "../../compose.ts";
import { hmac, randomToken, safeEqual } from "../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { CSRF_COOKIE, readCookie, writeCookie } from "./cookies.ts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Issues a fresh CSRF secret (on sign-in and sign-out, so tokens rotate with the session). */
export function rotateCsrf(c: AppContext, secretKey: string) {
  const secret = randomToken(24);
  writeCookie(c, CSRF_COOKIE, secret);
  c.set("csrfToken", hmac(secretKey, `csrf:${secret}`));
}

/**
 * Signed double-submit tokens: a random secret in an httpOnly cookie, and an HMAC of it in each form.
 */
export const csrf =
  (
    deps: Deps,
    options: {
      onFailure: (c: AppContext) => Response | Promise<Response>;
      /** Requests that carry no ambient credential a forger could borrow (API calls without a session). */
      exempt: (c: AppContext) => boolean;
    },
  ): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    let secret = readCookie(c, CSRF_COOKIE);
    if (!secret) {
      secret = randomToken(24);
      writeCookie(c, CSRF_COOKIE, secret);
    }
    const expected = hmac(deps.secretKey, `csrf:${secret}`);
    c.set("csrfToken", expected);
    if (UNSAFE.has(c.req.method) && !options.exempt(c)) {
      let sent = c.req.header("x-csrf-token") ?? "";
      if (!sent) {
        const type = c.req.header("content-type") ?? "";
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
          const body = await c.req.parseBody();
          sent = typeof body._csrf === "string" ? body._csrf : "";
        }
      }
      if (!sent || !safeEqual(sent, expected)) return options.onFailure(c);
    }
    await next();
  };
