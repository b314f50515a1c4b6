// The signed-in person's own pages: profile and privacy, email and password, data export, deletion, API tokens.
import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import { API_SCOPES, type ApiScope } from "../../../db/schema/index.ts";
import { LOCALES } from "../../../i18n/index.ts";
import {
  authenticate,
  changeEmailInput,
  changePassword,
  changePasswordInput,
  collectPersonalData,
  confirmEmailChange,
  createApiToken,
  DELETION_GRACE_DAYS,
  fieldErrors,
  hasRole,
  listApiTokens,
  personalDataArchive,
  profileInput,
  requestAccountDeletion,
  requestEmailChange,
  revokeApiToken,
  scopesInput,
  startSession,
  updateProfile,
} from "../../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { clearCookie, LOCALE_COOKIE, SESSION_COOKIE, writeCookie } from "../../middleware/cookies.ts";
import { rotateCsrf } from "../../middleware/csrf.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireUser } from "../../middleware/guards.ts";
import { Checkbox, CsrfField, ErrorSummary, type Errors, Field, Notice, Select } from "../components/form.tsx";
import { checked, formFields } from "../form-data.ts";
import { render } from "../layout.tsx";
import { accountsContext } from "./auth.pages.tsx";

export function accountPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const me = (c: AppContext) => {
    const user = c.var.user;
    if (!user) throw new Error("requireUser let a signed-out request through");
    return user;
  };

  // The confirmation link from the email works signed out too: it carries its own proof.
  app.get("/confirm-email", (c) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("account.email.confirmTitle"),
      <>
        <h1>{t("account.email.confirmTitle")}</h1>
        <form method="post" action="/confirm-email">
          <CsrfField c={c} />
          <input type="hidden" name="token" value={c.req.query("token") ?? ""} />
          <button type="submit">{t("account.email.confirmSubmit")}</button>
        </form>
      </>,
    );
  });
  app.post("/confirm-email", async (c) => {
    const { token = "" } = await formFields(c);
    const result = await confirmEmailChange(accountsContext(deps, c), token);
    if (!result.ok) {
      const t = c.var.tr.t;
      const text = result.error === "email-taken" ? t("account.email.taken") : t("auth.verify.invalid");
      return render(
        c,
        t("account.email.confirmTitle"),
        <>
          <h1>{t("account.email.confirmTitle")}</h1>
          <Notice kind="warning">{text}</Notice>
        </>,
        400,
      );
    }
    return redirectWith(c, c.var.user ? "/account" : "/sign-in", "account.email.confirmed");
  });

  app.use("/account", requireUser);
  app.use("/account/*", requireUser);

  // ---- profile and privacy
  const profilePage = (c: AppContext, values?: Record<string, string>, errors?: Errors, status: 200 | 422 = 200) => {
    const t = c.var.tr.t;
    const user = me(c);
    const v = values ?? {
      displayName: user.displayName,
      pronouns: user.pronouns,
      locale: user.locale,
      profileVisibility: user.profileVisibility,
      showReadingActivity: user.showReadingActivity ? "on" : "",
      newsletterOptIn: user.newsletterOptIn ? "on" : "",
    };
    return render(
      c,
      t("account.title"),
      <>
        <h1>{t("account.title")}</h1>
        {!user.emailVerified && <Notice kind="warning">{t("account.unverified")}</Notice>}
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("account.profile")}</h2>
          <ErrorSummary c={c} errors={errors} />
          <form method="post" action="/account/profile" class="stack" novalidate>
            <CsrfField c={c} />
            <Field
              c={c}
              name="displayName"
              label={t("field.displayName")}
              hint={t("field.displayName.hint")}
              value={v.displayName}
              errors={errors}
              autocomplete="nickname"
              required
              maxlength={80}
            />
            <Field
              c={c}
              name="pronouns"
              label={t("field.pronouns")}
              hint={t("field.pronouns.hint")}
              value={v.pronouns}
              errors={errors}
              maxlength={40}
            />
            <Select
              c={c}
              errors={errors}
              name="locale"
              label={t("field.locale")}
              value={v.locale ?? "en"}
              options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`), lang: l }))}
            />
            <Select
              c={c}
              errors={errors}
              name="profileVisibility"
              label={t("account.visibility")}
              hint={t("account.visibility.hint")}
              value={v.profileVisibility ?? "private"}
              options={(["private", "patrons", "public"] as const).map((o) => ({
                value: o,
                label: t(`account.visibility.${o}`),
              }))}
            />
            <Checkbox name="showReadingActivity" label={t("account.readingActivity")} checked={v.showReadingActivity === "on"} />
            <Checkbox name="newsletterOptIn" label={t("account.newsletter")} checked={v.newsletterOptIn === "on"} />
            <button type="submit">{t("account.profile.submit")}</button>
          </form>
        </section>
        <section aria-labelledby="security-heading">
          <h2 id="security-heading">{t("account.security")}</h2>
          <ul>
            <li>
              <a href="/account/email">{t("account.email.title")}</a>
            </li>
            <li>
              <a href="/account/password">{t("account.password.title")}</a>
            </li>
            <li>
              <a href="/account/tokens">{t("account.tokens.title")}</a>
            </li>
          </ul>
        </section>
        <section aria-labelledby="data-heading">
          <h2 id="data-heading">{t("account.data.title")}</h2>
          <p>{t("account.data.text")}</p>
          <p class="actions">
            <a class="button" href="/account/data.zip" download>
              {t("account.data.submit")}
            </a>
            <a href="/account/delete">{t("account.delete.title")}</a>
          </p>
        </section>
      </>,
      status,
    );
  };
  app.get("/account", (c) => profilePage(c));
  app.post("/account/profile", async (c) => {
    const fields = await formFields(c);
    const parsed = profileInput.safeParse({
      ...fields,
      showReadingActivity: checked(fields, "showReadingActivity"),
      newsletterOptIn: checked(fields, "newsletterOptIn"),
    });
    if (!parsed.success) return profilePage(c, fields, fieldErrors(parsed.error), 422);
    const updated = await updateProfile(deps, me(c).id, parsed.data);
    writeCookie(c, LOCALE_COOKIE, updated.locale, 365 * 86400);
    return redirectWith(c, "/account", "account.profile.saved");
  });

  // ---- password
  const passwordPage = (c: AppContext, errors?: Errors, status: 200 | 422 = 200) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("account.password.title"),
      <>
        <h1>{t("account.password.title")}</h1>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/account/password" class="stack" novalidate>
          <CsrfField c={c} />
          <Field
            c={c}
            name="currentPassword"
            type="password"
            label={t("field.currentPassword")}
            errors={errors}
            autocomplete="current-password"
            required
          />
          <Field
            c={c}
            name="newPassword"
            type="password"
            label={t("field.newPassword")}
            hint={t("field.password.hint")}
            errors={errors}
            autocomplete="new-password"
            required
          />
          <Field
            c={c}
            name="confirmPassword"
            type="password"
            label={t("field.confirmPassword")}
            errors={errors}
            autocomplete="new-password"
            required
          />
          <button type="submit">{t("account.password.submit")}</button>
        </form>
      </>,
      status,
    );
  };
  app.get("/account/password", (c) => passwordPage(c));
  app.post("/account/password", async (c) => {
    const parsed = changePasswordInput.safeParse(await formFields(c));
    if (!parsed.success) return passwordPage(c, fieldErrors(parsed.error), 422);
    const user = me(c);
    const result = await changePassword(accountsContext(deps, c), user.id, parsed.data.currentPassword, parsed.data.newPassword);
    if (!result.ok) return passwordPage(c, { currentPassword: "account.password.wrong" }, 422);
    // Every session ended with the change; this device gets a fresh one so the person stays signed in.
    const session = await startSession(deps, user.id);
    writeCookie(c, SESSION_COOKIE, session.token, 30 * 86400);
    rotateCsrf(c, deps.secretKey);
    return redirectWith(c, "/account", "account.password.done");
  });

  // ---- email
  const emailPage = (c: AppContext, values: Record<string, string> = {}, errors?: Errors, status: 200 | 422 = 200) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("account.email.title"),
      <>
        <h1>{t("account.email.title")}</h1>
        <p>{t("account.email.current", { email: me(c).email })}</p>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/account/email" class="stack" novalidate>
          <CsrfField c={c} />
          <Field
            c={c}
            name="newEmail"
            type="email"
            label={t("field.newEmail")}
            value={values.newEmail}
            errors={errors}
            autocomplete="email"
            required
          />
          <Field
            c={c}
            name="currentPassword"
            type="password"
            label={t("field.currentPassword")}
            errors={errors}
            autocomplete="current-password"
            required
          />
          <button type="submit">{t("account.email.submit")}</button>
        </form>
      </>,
      status,
    );
  };
  app.get("/account/email", (c) => emailPage(c));
  app.post("/account/email", async (c) => {
    const fields = await formFields(c);
    const parsed = changeEmailInput.safeParse(fields);
    if (!parsed.success) return emailPage(c, fields, fieldErrors(parsed.error), 422);
    const result = await requestEmailChange(
      accountsContext(deps, c),
      me(c).id,
      parsed.data.newEmail,
      parsed.data.currentPassword,
    );
    if (!result.ok) {
      const errors: Errors =
        result.error === "wrong-password" ? { currentPassword: "account.password.wrong" } : { newEmail: "account.email.taken" };
      return emailPage(c, fields, errors, 422);
    }
    return redirectWith(c, "/account", "account.email.sent", "info");
  });

  // ---- data export
  app.get("/account/data.zip", async (c) => {
    const user = me(c);
    const data = await collectPersonalData(deps.db, user.id, deps.personalData);
    const zip = personalDataArchive(data, deps.clock.now());
    const day = deps.clock.now().toISOString().slice(0, 10);
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="circulate-my-data-${day}.zip"`,
      "cache-control": "no-store",
    });
  });

  // ---- deletion
  const deletePage = (c: AppContext, errors?: Errors, status: 200 | 422 = 200) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("account.delete.title"),
      <>
        <h1>{t("account.delete.title")}</h1>
        <p>{t("account.delete.intro")}</p>
        <ul>
          <li>{t("account.delete.profile")}</li>
          <li>{t("account.delete.content")}</li>
          <li>{t("account.delete.logs")}</li>
          <li>{t("account.delete.grace", { days: DELETION_GRACE_DAYS })}</li>
        </ul>
        <p>
          {t("account.delete.export")} <a href="/account/data.zip">{t("account.data.submit")}</a>
        </p>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/account/delete" class="stack" novalidate>
          <CsrfField c={c} />
          <Field
            c={c}
            name="password"
            type="password"
            label={t("account.delete.confirm")}
            errors={errors}
            autocomplete="current-password"
            required
          />
          <button type="submit" class="danger">
            {t("account.delete.submit")}
          </button>
        </form>
      </>,
      status,
    );
  };
  app.get("/account/delete", (c) => deletePage(c));
  app.post("/account/delete", async (c) => {
    const { password = "" } = await formFields(c);
    const user = me(c);
    const check = await authenticate(deps, user.email, password);
    if (!check.ok && check.error === "invalid-credentials") return deletePage(c, { password: "account.password.wrong" }, 422);
    const due = await requestAccountDeletion(deps.db, deps.jobs, deps.clock, user.id);
    clearCookie(c, SESSION_COOKIE);
    rotateCsrf(c, deps.secretKey);
    c.set("user", null);
    const t = c.var.tr.t;
    return render(
      c,
      t("account.delete.scheduledTitle"),
      <>
        <h1>{t("account.delete.scheduledTitle")}</h1>
        <p>{t("account.delete.scheduled", { date: c.var.tr.date(due) })}</p>
      </>,
    );
  });

  // ---- API tokens
  const tokensPage = async (
    c: AppContext,
    options: { created?: string; errors?: Errors; values?: Record<string, string>; status?: 200 | 201 | 422 } = {},
  ) => {
    const t = c.var.tr.t;
    const user = me(c);
    const tokens = await listApiTokens(deps.db, user.id);
    const scopes = API_SCOPES.filter((s) => s !== "admin" || hasRole(user, "admin"));
    return render(
      c,
      t("account.tokens.title"),
      <>
        <h1>{t("account.tokens.title")}</h1>
        <p>{t("account.tokens.text")}</p>
        {options.created && (
          <div class="notice notice-success" role="status">
            <p>{t("account.tokens.created")}</p>
            <p>
              <code class="token">{options.created}</code>
            </p>
          </div>
        )}
        {tokens.length === 0 ? (
          <p>{t("account.tokens.none")}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{t("account.tokens.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("account.tokens.name")}</th>
                  <th scope="col">{t("account.tokens.scopes")}</th>
                  <th scope="col">{t("account.tokens.createdAt")}</th>
                  <th scope="col">{t("account.tokens.lastUsed")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("account.tokens.revoke")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((tok) => (
                  <tr>
                    <td>
                      {tok.name} <code>{tok.prefix}…</code>
                    </td>
                    <td>{tok.scopes.join(", ")}</td>
                    <td>{c.var.tr.dateTime(tok.createdAt)}</td>
                    <td>{tok.lastUsedAt ? c.var.tr.dateTime(tok.lastUsedAt) : t("account.tokens.never")}</td>
                    <td>
                      <form method="post" action={`/account/tokens/${tok.id}/revoke`} class="inline-form">
                        <CsrfField c={c} />
                        <button type="submit" class="secondary" aria-label={`${t("account.tokens.revoke")}: ${tok.name}`}>
                          {t("account.tokens.revoke")}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2>{t("account.tokens.create")}</h2>
        <ErrorSummary c={c} errors={options.errors} />
        <form method="post" action="/account/tokens" class="stack" novalidate>
          <CsrfField c={c} />
          <Field
            c={c}
            name="name"
            label={t("account.tokens.name")}
            value={options.values?.name}
            errors={options.errors}
            required
            maxlength={80}
          />
          <fieldset id="field-scopes">
            <legend>{t("account.tokens.scopes")}</legend>
            {scopes.map((s) => (
              <div class="field field-checkbox">
                <input type="checkbox" id={`scope-${s}`} name="scopes" value={s} checked={s === "read"} />
                <label for={`scope-${s}`}>{t(`account.tokens.scope.${s}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t("account.tokens.create")}</button>
        </form>
      </>,
      options.status ?? 200,
    );
  };
  app.get("/account/tokens", (c) => tokensPage(c));
  app.post("/account/tokens", async (c) => {
    const body = await c.req.parseBody({ all: true });
    const name = typeof body.name === "string" ? body.name.trim() : "";
    const rawScopes = ([] as unknown[]).concat(body.scopes ?? []);
    const scopes = scopesInput.safeParse(rawScopes);
    const errors: Errors = {};
    if (!name || name.length > 80) errors.name = "validation.tokenName.required";
    if (!scopes.success) errors.scopes = fieldErrors(scopes.error)._ ?? "validation.scope.invalid";
    else if (scopes.data.includes("admin") && !hasRole(me(c), "admin")) errors.scopes = "account.tokens.adminOnly";
    if (Object.keys(errors).length) return tokensPage(c, { errors, values: { name }, status: 422 });
    const created = await createApiToken(deps.db, me(c).id, name, (scopes.data ?? []) as ApiScope[]);
    // Shown once, on this response: never stored in clear, never put in a redirect.
    return tokensPage(c, { created: created.token, status: 201 });
  });
  app.post("/account/tokens/:id/revoke", async (c) => {
    await revokeApiToken(deps.db, deps.clock, me(c).id, c.req.param("id"));
    return redirectWith(c, "/account/tokens", "account.tokens.revoked");
  });

  return app;
}
