import { Hono } from "hono";
import type { Deps } from "../../compose.ts";
import { isLocale } from "../../i18n/index.ts";
import { listBranches, setLocale } from "../../modules/accounts/index.ts";
import type { AppEnv } from "../context.ts";
import { LOCALE_COOKIE, writeCookie } from "../middleware/cookies.ts";
import { safeNext } from "../middleware/guards.ts";
import { render } from "./layout.tsx";

export function homePages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const { tr, user, library } = c.var;
    const t = tr.t;
    const branchList = await listBranches(deps.db);
    return render(
      c,
      t("site.nav.home"),
      <>
        <h1>{t("home.title", { library: library.libraryName })}</h1>
        <p class="lead">{t("home.intro")}</p>
        {user ? (
          <p>{t("home.signedInAs", { name: user.displayName })}</p>
        ) : (
          <section aria-labelledby="get-started">
            <h2 id="get-started">{t("home.getStarted")}</h2>
            <p>{t("home.getStarted.text")}</p>
            <p class="actions">
              <a class="button" href="/sign-up">
                {t("site.nav.signUp")}
              </a>
              <a class="button secondary" href="/sign-in">
                {t("site.nav.signIn")}
              </a>
            </p>
          </section>
        )}
        <section aria-labelledby="catalogue">
          <h2 id="catalogue">{t("catalog.home.heading")}</h2>
          <p>{t("catalog.home.text")}</p>
          <p>
            <a class="button" href="/search">
              {t("catalog.home.browse")}
            </a>
          </p>
        </section>
        <section aria-labelledby="branches">
          <h2 id="branches">{t("home.branches")}</h2>
          {branchList.length === 0 ? (
            <p>{t("home.branches.empty")}</p>
          ) : (
            <ul class="cards">
              {branchList.map((b) => (
                <li class="card">
                  <h3>{b.name}</h3>
                  {b.address && <p>{b.address}</p>}
                  {b.openingHours && <p class="muted">{b.openingHours}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </>,
    );
  });

  // The language switcher: a plain form, so it works without JavaScript.
  app.post("/language", async (c) => {
    const body = await c.req.parseBody();
    const locale = body.locale;
    if (isLocale(locale)) {
      writeCookie(c, LOCALE_COOKIE, locale, 365 * 86400);
      const user = c.get("user");
      if (user) await setLocale(deps.db, user.id, locale);
    }
    return c.redirect(safeNext(body.return), 303);
  });

  return app;
}
