// Sign-up, email verification, sign-in and sign-out, and password reset.
import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import {
  type AccountsContext,
  authenticate,
  endSession,
  fieldErrors,
  hitRateLimit,
  RATE_LIMITS,
  requestPasswordReset,
  resendVerification,
  resetInput,
  resetPassword,
  resetRequestInput,
  sha256,
  signInInput,
  signUp,
  signUpInput,
  startSession,
  verifyEmail,
} from "../../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { clearCookie, SESSION_COOKIE, writeCookie } from "../../middleware/cookies.ts";
import { rotateCsrf } from "../../middleware/csrf.ts";
import { redirectWith, setFlash } from "../../middleware/flash.ts";
import { safeNext } from "../../middleware/guards.ts";
import { CsrfField, ErrorSummary, type Errors, Field, Notice } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { formFields } from "../form-data.ts";
import { render } from "../layout.tsx";
import { clientKey } from "./client-key.ts";

export function accountsContext(deps: Deps, c: AppContext): AccountsContext {
  return {
    db: deps.db,
    jobs: deps.jobs,
    clock: deps.clock,
    baseUrl: deps.config.baseUrl,
    libraryName: c.var.library.libraryName,
  };
}

export function authPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const limited = async (c: AppContext, key: string, rule: (typeof RATE_LIMITS)[keyof typeof RATE_LIMITS]) => {
    const r = await hitRateLimit(deps.db, deps.clock, key, rule);
    return r.allowed ? null : errorPage(c, "rateLimited", { minutes: Math.ceil(r.retryAfterSeconds / 60) });
  };
  const client = (c: AppContext) => clientKey(c, deps.secretKey, deps.config.trustProxy);

  // ---- sign up
  const signUpPage = (c: AppContext, values: Record<string, string> = {}, errors?: Errors, status: 200 | 409 | 422 = 200) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("auth.signUp.title"),
      <>
        <h1>{t("auth.signUp.title")}</h1>
        <p>{t("auth.signUp.intro")}</p>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/sign-up" class="stack" novalidate>
          <CsrfField c={c} />
          <Field
            c={c}
            name="displayName"
            label={t("field.displayName")}
            hint={t("field.displayName.hint")}
            value={values.displayName}
            errors={errors}
            autocomplete="nickname"
            required
            maxlength={80}
          />
          <Field
            c={c}
            name="email"
            type="email"
            label={t("field.email")}
            value={values.email}
            errors={errors}
            autocomplete="email"
            required
          />
          <Field
            c={c}
            name="password"
            type="password"
            label={t("field.password")}
            hint={t("field.password.hint")}
            errors={errors}
            autocomplete="new-password"
            required
          />
          <button type="submit">{t("auth.signUp.submit")}</button>
        </form>
        <p>
          {t("auth.signUp.haveAccount")} <a href="/sign-in">{t("site.nav.signIn")}</a>
        </p>
      </>,
      status,
    );
  };
  app.get("/sign-up", (c) => (c.var.user ? c.redirect("/account", 303) : signUpPage(c)));
  app.post("/sign-up", async (c) => {
    const fields = await formFields(c);
    const blocked = await limited(c, `signup:${client(c)}`, RATE_LIMITS.signUp);
    if (blocked) return blocked;
    const parsed = signUpInput.safeParse(fields);
    if (!parsed.success) return signUpPage(c, fields, fieldErrors(parsed.error), 422);
    const created = await signUp(accountsContext(deps, c), parsed.data, c.var.tr.locale);
    if (!created.ok) return signUpPage(c, fields, { email: "auth.signUp.emailTaken" }, 409);
    return c.redirect("/check-email", 303);
  });

  app.get("/check-email", (c) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("auth.checkEmail.title"),
      <>
        <h1>{t("auth.checkEmail.title")}</h1>
        <p>{t("auth.checkEmail.text")}</p>
        <ResendForm c={c} />
      </>,
    );
  });

  app.post("/verify-email/resend", async (c) => {
    const fields = await formFields(c);
    const parsed = resetRequestInput.safeParse(fields);
    if (parsed.success) {
      const blocked = await limited(c, `resend:${sha256(parsed.data.email)}`, RATE_LIMITS.passwordReset);
      if (blocked) return blocked;
      await resendVerification(accountsContext(deps, c), parsed.data.email);
    }
    return redirectWith(c, "/check-email", "auth.checkEmail.resent", "info");
  });

  // A GET only shows a button: mail scanners that open links must not use up the token.
  app.get("/verify-email", (c) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("auth.verify.title"),
      <>
        <h1>{t("auth.verify.title")}</h1>
        <p>{t("auth.verify.text")}</p>
        <form method="post" action="/verify-email">
          <CsrfField c={c} />
          <input type="hidden" name="token" value={c.req.query("token") ?? ""} />
          <button type="submit">{t("auth.verify.submit")}</button>
        </form>
      </>,
    );
  });
  app.post("/verify-email", async (c) => {
    const { token = "" } = await formFields(c);
    const result = await verifyEmail(accountsContext(deps, c), token);
    if (!result.ok) {
      const t = c.var.tr.t;
      return render(
        c,
        t("auth.verify.title"),
        <>
          <h1>{t("auth.verify.title")}</h1>
          <Notice kind="warning">{t("auth.verify.invalid")}</Notice>
          <ResendForm c={c} />
        </>,
        400,
      );
    }
    return redirectWith(c, "/sign-in", "auth.verify.done");
  });

  // ---- sign in / out
  const signInPage = (
    c: AppContext,
    values: Record<string, string> = {},
    errors?: Errors,
    status: 200 | 401 | 403 | 422 = 200,
  ) => {
    const t = c.var.tr.t;
    const next = safeNext(values.next ?? c.req.query("next"), "");
    return render(
      c,
      t("auth.signIn.title"),
      <>
        <h1>{t("auth.signIn.title")}</h1>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/sign-in" class="stack" novalidate>
          <CsrfField c={c} />
          {next && <input type="hidden" name="next" value={next} />}
          <Field
            c={c}
            name="email"
            type="email"
            label={t("field.email")}
            value={values.email}
            errors={errors}
            autocomplete="username"
            required
          />
          <Field
            c={c}
            name="password"
            type="password"
            label={t("field.password")}
            errors={errors}
            autocomplete="current-password"
            required
          />
          <button type="submit">{t("auth.signIn.submit")}</button>
        </form>
        {errors?._ === "auth.signIn.unverified" && <ResendForm c={c} email={values.email} />}
        <p>
          <a href="/forgot-password">{t("auth.signIn.forgot")}</a>
        </p>
        <p>
          {t("auth.signIn.noAccount")} <a href="/sign-up">{t("site.nav.signUp")}</a>
        </p>
      </>,
      status,
    );
  };
  app.get("/sign-in", (c) => signInPage(c));
  app.post("/sign-in", async (c) => {
    const fields = await formFields(c);
    const parsed = signInInput.safeParse(fields);
    if (!parsed.success) return signInPage(c, { ...fields, password: "" }, fieldErrors(parsed.error), 422);
    const blocked =
      (await limited(c, `signin:${sha256(parsed.data.email)}`, RATE_LIMITS.signIn)) ??
      (await limited(c, `signin-client:${client(c)}`, { limit: 50, windowSeconds: 15 * 60 }));
    if (blocked) return blocked;
    const result = await authenticate(deps, parsed.data.email, parsed.data.password);
    if (!result.ok) {
      const key = result.error === "unverified" ? "auth.signIn.unverified" : "auth.signIn.invalid";
      return signInPage(c, { ...fields, password: "" }, { _: key }, result.error === "unverified" ? 403 : 401);
    }
    const session = await startSession(deps, result.value.id, c.var.sessionToken ?? undefined);
    writeCookie(c, SESSION_COOKIE, session.token, Math.floor((session.expiresAt.getTime() - deps.clock.now().getTime()) / 1000));
    rotateCsrf(c, deps.secretKey);
    setFlash(c, result.value.deletionRequestedAt ? "account.delete.cancelled" : "auth.signIn.welcome");
    return c.redirect(safeNext(fields.next, "/account"), 303);
  });

  app.post("/sign-out", async (c) => {
    if (c.var.sessionToken) await endSession(deps, c.var.sessionToken);
    clearCookie(c, SESSION_COOKIE);
    rotateCsrf(c, deps.secretKey);
    return redirectWith(c, "/", "auth.signOut.done", "info");
  });

  // ---- password reset
  const forgotPage = (c: AppContext, values: Record<string, string> = {}, errors?: Errors, status: 200 | 422 = 200) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("auth.forgot.title"),
      <>
        <h1>{t("auth.forgot.title")}</h1>
        <p>{t("auth.forgot.text")}</p>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/forgot-password" class="stack" novalidate>
          <CsrfField c={c} />
          <Field
            c={c}
            name="email"
            type="email"
            label={t("field.email")}
            value={values.email}
            errors={errors}
            autocomplete="email"
            required
          />
          <button type="submit">{t("auth.forgot.submit")}</button>
        </form>
      </>,
      status,
    );
  };
  app.get("/forgot-password", (c) => forgotPage(c));
  app.post("/forgot-password", async (c) => {
    const fields = await formFields(c);
    const parsed = resetRequestInput.safeParse(fields);
    if (!parsed.success) return forgotPage(c, fields, fieldErrors(parsed.error), 422);
    const blocked =
      (await limited(c, `reset:${sha256(parsed.data.email)}`, RATE_LIMITS.passwordReset)) ??
      (await limited(c, `reset-client:${client(c)}`, { limit: 20, windowSeconds: 3600 }));
    if (blocked) return blocked;
    await requestPasswordReset(accountsContext(deps, c), parsed.data.email);
    return redirectWith(c, "/forgot-password", "auth.forgot.sent", "info");
  });

  const resetPage = (c: AppContext, token: string, errors?: Errors, status: 200 | 400 | 422 = 200) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("auth.reset.title"),
      <>
        <h1>{t("auth.reset.title")}</h1>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/reset-password" class="stack" novalidate>
          <CsrfField c={c} />
          <input type="hidden" name="token" value={token} />
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
          <button type="submit">{t("auth.reset.submit")}</button>
        </form>
      </>,
      status,
    );
  };
  app.get("/reset-password", (c) => resetPage(c, c.req.query("token") ?? ""));
  app.post("/reset-password", async (c) => {
    const fields = await formFields(c);
    const parsed = resetInput.safeParse(fields);
    if (!parsed.success) return resetPage(c, fields.token ?? "", fieldErrors(parsed.error), 422);
    const result = await resetPassword(accountsContext(deps, c), parsed.data.token, parsed.data.newPassword);
    if (!result.ok) return resetPage(c, fields.token ?? "", { _: "auth.reset.invalid" }, 400);
    return redirectWith(c, "/sign-in", "auth.reset.done");
  });

  return app;
}

function ResendForm({ c, email }: { c: AppContext; email?: string | undefined }) {
  const t = c.var.tr.t;
  return (
    <form method="post" action="/verify-email/resend" class="stack">
      <CsrfField c={c} />
      <div class="field">
        <label for="resend-email">{t("field.email")}</label>
        <input id="resend-email" type="email" name="email" value={email ?? ""} autocomplete="email" required />
      </div>
      <button type="submit" class="secondary">
        {t("auth.checkEmail.resend")}
      </button>
    </form>
  );
}
