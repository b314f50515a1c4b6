import type { MiddlewareHandler } from "hono";
import type { ApiScope } from "../../db/schema/index.ts";
import { hasRole, type SessionUser } from "../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { problem } from "../problem.ts";

/**
 * The security requirement and the guard of a route, built from one scope so that what the OpenAPI
 * document promises and what the server enforces cannot drift apart. OpenAPI 3.1 allows role names
 * in the requirement of a non-OAuth scheme, which is where the scope is written.
 */
export function secured(scope: ApiScope) {
  return { security: [{ bearerAuth: [scope] }], middleware: requireScope(scope) };
}

/** The scope a route needs, as written by `secured`; undefined for a public route. */
export function scopeOf(security: Record<string, string[]>[] | undefined): string | undefined {
  return security?.[0]?.bearerAuth?.[0];
}

/**
 * A bearer token needs exactly the scope the route declares. A cookie session may do whatever its
 * person may do on the pages, so it has every scope; the admin scope also needs the admin role either way.
 */
export const requireScope =
  (scope: ApiScope): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const user = c.get("user");
    if (!user) return unauthorized(c);
    const granted = c.get("apiScopes");
    if (granted && !granted.includes(scope)) return insufficientScope(c, scope);
    if (scope === "admin" && !hasRole(user, "admin")) {
      return problem(c, 403, c.var.tr.t("api.problem.role.title"), c.var.tr.t("api.problem.role.detail"));
    }
    await next();
    // Everything behind a guard is about one person: no shared cache may keep it.
    c.header("Cache-Control", "private, no-store");
  };

function unauthorized(c: AppContext) {
  // RFC 6750: say whether a token was sent and refused, or none was sent at all.
  const sentToken = c.req.header("authorization")?.toLowerCase().startsWith("bearer ");
  c.header("WWW-Authenticate", sentToken ? 'Bearer error="invalid_token"' : "Bearer");
  const t = c.var.tr.t;
  return problem(
    c,
    401,
    t("api.problem.unauthorized.title"),
    t(sentToken ? "api.problem.invalidToken.detail" : "api.problem.unauthorized.detail"),
  );
}

function insufficientScope(c: AppContext, scope: ApiScope) {
  c.header("WWW-Authenticate", `Bearer error="insufficient_scope", scope="${scope}"`);
  const t = c.var.tr.t;
  return problem(c, 403, t("api.problem.scope.title"), t("api.problem.scope.detail", { scope }), { scope });
}

/** The signed-in person in a handler behind `requireScope`; reaching it without one is a bug. */
export function currentUser(c: AppContext): SessionUser {
  const user = c.get("user");
  if (!user) throw new Error(`${c.req.method} ${c.req.path} has no scope guard`);
  return user;
}

/**
 * Readable by anyone, and more by the signed-in (for example reviews for followers). A request that
 * identifies someone (session or token) is held to the read scope, so a token cannot read more than it was granted.
 */
const optionalRead: MiddlewareHandler<AppEnv> = (c, next) => {
  const sentToken = c.req.header("authorization")?.toLowerCase().startsWith("bearer ") ?? false;
  return c.get("user") || sentToken ? requireScope("read")(c, next) : next();
};

export const readableByAnyone: { security: Record<string, string[]>[]; middleware: MiddlewareHandler<AppEnv> } = {
  // The empty requirement is OpenAPI's way of saying that no authentication is needed.
  security: [{ bearerAuth: ["read"] }, {}],
  middleware: optionalRead,
};
