import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../compose.ts";
import type { ApiScope } from "../../db/schema/index.ts";
import type { MessageKey } from "../../i18n/index.ts";
import {
  type ApiTokenSummary,
  createApiToken,
  hasRole,
  listApiTokens,
  revokeApiToken,
  type SessionUser,
} from "../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { apiProblem } from "./problems.ts";
import { currentUser } from "./scope-guard.ts";
import { createTokenRoute, listTokensRoute, revokeTokenRoute } from "./tokens.routes.ts";

const iso = (date: Date | null) => date?.toISOString() ?? null;

function tokenJson(token: ApiTokenSummary) {
  return {
    ...token,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: iso(token.lastUsedAt),
    expiresAt: iso(token.expiresAt),
  };
}

/**
 * Why these scopes may not be granted, if they may not: the admin scope is for administrators (as on the account
 * page), and a token cannot mint a token stronger than itself, or one leaked token would yield any other.
 */
function refusal(user: SessionUser, held: ApiScope[] | null, wanted: ApiScope[]): MessageKey | null {
  if (wanted.includes("admin") && !hasRole(user, "admin")) return "account.tokens.adminOnly";
  if (held && wanted.some((s) => !held.includes(s))) return "api.tokens.widerThanSelf";
  return null;
}

function notGranted(c: AppContext, reason: MessageKey) {
  const { t } = c.var.tr;
  return apiProblem(c, 403, t("api.problem.scopesRefused.title"), t(reason), {
    errors: [{ field: "scopes", message: t(reason) }],
  });
}

export function tokensHandlers(api: OpenAPIHono<AppEnv>, deps: Deps) {
  api.openapi(listTokensRoute, async (c) => {
    const tokens = await listApiTokens(deps.db, currentUser(c).id);
    return c.json({ items: tokens.map(tokenJson) }, 200);
  });

  api.openapi(createTokenRoute, async (c) => {
    const user = currentUser(c);
    const body = c.req.valid("json");
    const scopes = [...new Set(body.scopes)];
    const reason = refusal(user, c.get("apiScopes"), scopes);
    if (reason) return notGranted(c, reason);
    const { token, summary } = await createApiToken(deps.db, user.id, body.name, scopes);
    return c.json({ ...tokenJson(summary), token }, 201);
  });

  api.openapi(revokeTokenRoute, async (c) => {
    const revoked = await revokeApiToken(deps.db, deps.clock, currentUser(c).id, c.req.valid("param").id);
    return revoked ? c.body(null, 204) : apiProblem(c, 404, c.var.tr.t("api.problem.notFound.title"));
  });
}
