import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { LOCALES } from "../../i18n/index.ts";
import { hasRole } from "../../modules/accounts/index.ts";
import type { AppContext } from "../context.ts";
import { CsrfField } from "./components/form.tsx";

export interface LayoutProps {
  c: AppContext;
  title: string;
  children: Child;
  /** Extra scripts (progressive enhancement only; pages must work without them). */
  scripts?: string[];
  head?: Child;
}

export function Layout({ c, title, children, scripts = [], head }: LayoutProps) {
  const { tr, user, library } = c.var;
  const t = tr.t;
  const path = new URL(c.req.url).pathname;
  const current = (href: string) => (path === href ? { "aria-current": "page" as const } : {});
  return (
    <html lang={tr.locale} dir={tr.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · ${library.libraryName}`}</title>
        <link rel="stylesheet" href="/static/styles.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("site.skip")}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-name">{library.libraryName}</span>
              <span class="brand-tagline">{t("site.tagline")}</span>
            </a>
            <nav aria-label={t("site.nav.label")}>
              <ul class="nav-list">
                <li>
                  <a href="/" {...current("/")}>
                    {t("site.nav.home")}
                  </a>
                </li>
                <li>
                  <a href="/search" {...current("/search")}>
                    {t("site.nav.catalogue")}
                  </a>
                </li>
                <li>
                  <a href="/lists" {...current("/lists")}>
                    {t("site.nav.lists")}
                  </a>
                </li>
                {user ? (
                  <>
                    <li>
                      <a href="/shelves" {...current("/shelves")}>
                        {t("site.nav.shelves")}
                      </a>
                    </li>
                    <li>
                      <a href="/account" {...current("/account")}>
                        {t("site.nav.account")}
                      </a>
                    </li>
                    {hasRole(user, "staff") && (
                      <li>
                        <a href="/admin" {...current("/admin")}>
                          {t("site.nav.admin")}
                        </a>
                      </li>
                    )}
                    {hasRole(user, "moderator") && (
                      <li>
                        <a href="/moderation" {...current("/moderation")}>
                          {t("moderation.nav")}
                        </a>
                      </li>
                    )}
                    <li>
                      <form method="post" action="/sign-out" class="inline-form">
                        <CsrfField c={c} />
                        <button type="submit" class="link-button">
                          {t("site.nav.signOut")}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href="/sign-in" {...current("/sign-in")}>
                        {t("site.nav.signIn")}
                      </a>
                    </li>
                    <li>
                      <a href="/sign-up" {...current("/sign-up")}>
                        {t("site.nav.signUp")}
                      </a>
                    </li>
                  </>
                )}
              </ul>
            </nav>
            {/* biome-ignore lint/a11y/useSemanticElements: browsers before 2023 expose no landmark for <search>; the role on the form works in all */}
            <form method="get" action="/search" role="search" class="site-search" aria-label={t("catalog.searchBox.region")}>
              <label for="site-search-q">{t("catalog.searchBox.label")}</label>
              <input type="search" id="site-search-q" name="q" />
              <button type="submit">{t("catalog.searchBox.submit")}</button>
            </form>
            <form method="post" action="/language" class="language-form">
              <CsrfField c={c} />
              <input type="hidden" name="return" value={path + new URL(c.req.url).search} />
              <label for="language-select">{t("site.language.label")}</label>
              <select id="language-select" name="locale">
                {LOCALES.map((l) => (
                  <option value={l} lang={l} selected={l === tr.locale}>
                    {t(`lang.${l}`)}
                  </option>
                ))}
              </select>
              <button type="submit">{t("site.language.submit")}</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {c.var.flash && (
            <div class={`notice notice-${c.var.flash.kind}`} role="status">
              {t(c.var.flash.key)}
            </div>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t("site.footer.privacy")}</p>
            <p>{t("site.footer.poweredBy")}</p>
          </div>
        </footer>
        {scripts.map((s) => (
          <script src={s} defer />
        ))}
      </body>
    </html>
  );
}

/** Renders a whole page. */
export function render(
  c: AppContext,
  title: string,
  body: Child,
  status: 200 | 201 | 202 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503 = 200,
  extra: { head?: Child } = {},
) {
  return c.html(
    <>
      {raw("<!doctype html>")}
      <Layout c={c} title={title} head={extra.head}>
        {body}
      </Layout>
    </>,
    status,
  );
}
