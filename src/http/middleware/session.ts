import type { MiddlewareHandler } from "hono";
import type { Deps } from "../../compose.ts";
import { negotiateLocale, translator } from "../../i18n/index.ts";
import { authenticateApiToken, getLibrarySettings, type LibrarySettings, sessionUser } from "../../modules/accounts/index.ts";
import type { AppEnv } from "../context.ts";
import { LOCALE_COOKIE, readCookie, SESSION_COOKIE } from "./cookies.ts";

/** Settings change rarely and are read on every page: keep them for a few seconds per process. */
function settingsCache(deps: Deps, ttlMs = 5_000) {
  let value: LibrarySettings | null = null;
  let at = 0;
  return {
    async get() {
      const now = Date.now();
      if (!value || now - at > ttlMs) {
        value = await getLibrarySettings(deps.db);
        at = now;
      }
      return value;
    },
    clear() {
      value = null;
    },
  };
}
export type SettingsCache = ReturnType<typeof settingsCache>;
export { settingsCache };

/** Who is asking (session cookie or bearer token) and in which language to answer. */
export const identify =
  (deps: Deps, cache: SettingsCache): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set("library", await cache.get());
    c.set("user", null);
    c.set("apiScopes", null);
    c.set("sessionToken", null);
    const auth = c.req.header("authorization");
    if (auth?.toLowerCase().startsWith("bearer ")) {
      const found = await authenticateApiToken(deps.db, deps.clock, auth.slice(7).trim());
      if (found) {
        c.set("user", found.user);
        c.set("apiScopes", found.scopes);
      }
    } else {
      const token = readCookie(c, SESSION_COOKIE);
      if (token) {
        const user = await sessionUser(deps, token);
        if (user) {
          c.set("user", user);
          c.set("sessionToken", token);
        }
      }
    }
    const locale = negotiateLocale(
      c.get("user")?.locale ?? readCookie(c, LOCALE_COOKIE),
      c.req.header("accept-language") ?? c.get("library").defaultLocale,
    );
    c.set("tr", translator(locale, c.get("library").timeZone));
    await next();
  };
