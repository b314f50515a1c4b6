import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import { linkIn, startTestSmtp, type TestSmtp } from "../../../../test/smtp.ts";
import type { Deps } from "../../../compose.ts";
import { findUserByEmail } from "../../../modules/accounts/index.ts";

describeEachEngine("account pages", (engine) => {
  let deps: Deps;
  let smtp: TestSmtp;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    deps = await createTestDeps(engine, { env: { SMTP_URL: smtp.url }, work: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps?.close();
    await smtp?.close();
  });

  it("signs up, verifies by the link the SMTP server received, signs in and out", async () => {
    const browser = new TestClient(app);
    const bad = await browser.postForm(
      "/sign-up",
      { displayName: "Nia", email: "not-an-email", password: "short" },
      { csrfFrom: "/sign-up" },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('value="Nia"'); // what the patron typed is kept
    expect(badHtml).toContain("Enter an email address like name@example.org");
    expect(badHtml).toContain("Use at least 10 characters");
    expect(badHtml).toMatch(/aria-invalid="true"/);

    const res = await browser.postForm(
      "/sign-up",
      { displayName: "Nia", email: "Nia@Example.org", password: "reading is fun 42" },
      { csrfFrom: "/sign-up" },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/check-email");

    const early = await browser.postForm(
      "/sign-in",
      { email: "nia@example.org", password: "reading is fun 42" },
      { csrfFrom: "/sign-in" },
    );
    expect(early.status).toBe(403);

    const mail = await smtp.waitFor((m) => m.to.includes("nia@example.org"));
    expect(mail.parsed.html).toBeTruthy();
    const link = linkIn(mail, "/verify-email?token=");
    const confirmPage = await (await browser.get(link.pathname + link.search)).text();
    const token = confirmPage.match(/name="token" value="([^"]+)"/)?.[1] ?? "";
    const verified = await browser.postForm("/verify-email", { token }, { csrfFrom: "/verify-email" });
    expect(verified.headers.get("location")).toBe("/sign-in");

    const signIn = await browser.postForm(
      "/sign-in",
      { email: "nia@example.org", password: "reading is fun 42", next: "/account" },
      { csrfFrom: "/sign-in" },
    );
    expect(signIn.status).toBe(303);
    const account = await browser.get("/account");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("Welcome back");

    await browser.postForm("/sign-out", {}, { csrfFrom: "/account" });
    expect((await browser.get("/account")).status).toBe(303);
  });

  it("rejects a form without a valid CSRF token and keeps nothing", async () => {
    const browser = new TestClient(app);
    const res = await browser.postForm(
      "/sign-up",
      { displayName: "X", email: "csrf@example.org", password: "long enough pass" },
      { csrf: "forged" },
    );
    expect(res.status).toBe(403);
    expect(await findUserByEmail(deps.db, "csrf@example.org")).toBeNull();
  });

  it("says the same thing for a wrong password and an unknown address", async () => {
    const browser = new TestClient(app);
    const a = await browser.postForm(
      "/sign-in",
      { email: "nobody@example.org", password: "whatever pass" },
      { csrfFrom: "/sign-in" },
    );
    const b = await browser.postForm(
      "/sign-in",
      { email: "nia@example.org", password: "wrong password" },
      { csrfFrom: "/sign-in" },
    );
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(await a.text()).toContain("The email address or password is not right.");
  });

  it("rate-limits sign-in attempts for an address", async () => {
    const browser = new TestClient(app);
    const token = await browser.csrf("/sign-in");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await browser.postForm("/sign-in", { email: "target@example.org", password: "guess number x" }, { csrf: token })).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("resets a forgotten password through the emailed link", async () => {
    const { user } = await signedInClient(app, deps, "patron", { email: "forgetful@example.org" });
    const browser = new TestClient(app);
    const res = await browser.postForm("/forgot-password", { email: user.email }, { csrfFrom: "/forgot-password" });
    expect(res.status).toBe(303);
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && /reset/i.test(m.parsed.subject ?? ""));
    const link = linkIn(mail, "/reset-password?token=");
    const token = link.searchParams.get("token") ?? "";
    const mismatch = await browser.postForm("/reset-password", {
      token,
      newPassword: "new password 1234",
      confirmPassword: "other 1234567",
    });
    expect(mismatch.status).toBe(422);
    const ok = await browser.postForm("/reset-password", {
      token,
      newPassword: "new password 1234",
      confirmPassword: "new password 1234",
    });
    expect(ok.headers.get("location")).toBe("/sign-in");
    const signIn = await browser.postForm(
      "/sign-in",
      { email: user.email, password: "new password 1234" },
      { csrfFrom: "/sign-in" },
    );
    expect(signIn.status).toBe(303);
  });

  it("saves the profile, keeps bad input with the error at the field, and switches language", async () => {
    const { client } = await signedInClient(app, deps);
    const bad = await client.postForm(
      "/account/profile",
      { displayName: "", pronouns: "they/them", locale: "es", profileVisibility: "public" },
      { csrfFrom: "/account" },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('value="they/them"');
    expect(html).toContain('id="field-displayName-error"');

    const good = await client.postForm(
      "/account/profile",
      { displayName: "Robin", pronouns: "they/them", locale: "es", profileVisibility: "patrons", newsletterOptIn: "on" },
      { csrfFrom: "/account" },
    );
    expect(good.status).toBe(303);
    const page = await (await client.get("/account")).text();
    expect(page).toContain('<html lang="es"');
    expect(page).toContain("Tu perfil se ha guardado.");

    const switched = await client.postForm("/language", { locale: "en", return: "/account" }, { csrfFrom: "/account" });
    expect(switched.headers.get("location")).toBe("/account");
    expect(await (await client.get("/account")).text()).toContain('<html lang="en"');
  });

  it("changes the email address only after the new address confirms", async () => {
    const { client, user, password } = await signedInClient(app, deps);
    const res = await client.postForm(
      "/account/email",
      { newEmail: "moved@example.org", currentPassword: password },
      { csrfFrom: "/account/email" },
    );
    expect(res.status).toBe(303);
    expect((await findUserByEmail(deps.db, user.email))?.id).toBe(user.id);
    const mail = await smtp.waitFor((m) => m.to.includes("moved@example.org"));
    const token = linkIn(mail, "/confirm-email?token=").searchParams.get("token") ?? "";
    await client.postForm("/confirm-email", { token });
    expect((await findUserByEmail(deps.db, "moved@example.org"))?.id).toBe(user.id);
  });

  it("downloads the person's data as a zip with JSON and a CSV per table", async () => {
    const { client, user } = await signedInClient(app, deps, "patron", { displayName: 'Quote "Me", please' });
    const res = await client.get("/account/data.zip");
    expect(res.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["data.json", "profile.csv", "sessions.csv", "api_tokens.csv"]));
    const json = JSON.parse(strFromU8(files["data.json"]!));
    expect(json.profile[0].email).toBe(user.email);
    expect(json.profile[0]).not.toHaveProperty("passwordHash");
    expect(strFromU8(files["profile.csv"]!)).toContain('"Quote ""Me"", please"');
  });

  it("creates an API token shown once, and revokes it", async () => {
    const { client } = await signedInClient(app, deps);
    const noAdmin = await client.postForm(
      "/account/tokens",
      { name: "script", scopes: ["read", "admin"] },
      { csrfFrom: "/account/tokens" },
    );
    expect(noAdmin.status).toBe(422);
    const created = await client.postForm(
      "/account/tokens",
      { name: "script", scopes: ["read"] },
      { csrfFrom: "/account/tokens" },
    );
    expect(created.status).toBe(201);
    const token = (await created.text()).match(/circ_[\w-]+/)?.[0];
    expect(token).toBeTruthy();
    const list = await (await client.get("/account/tokens")).text();
    expect(list).not.toContain(token);
    const id = list.match(/\/account\/tokens\/([0-9a-f-]+)\/revoke/)?.[1] ?? "";
    expect((await client.postForm(`/account/tokens/${id}/revoke`, {}, { csrfFrom: "/account/tokens" })).status).toBe(303);
    expect(await (await client.get("/account/tokens")).text()).not.toContain(`/account/tokens/${id}/revoke`);
  });

  it("schedules deletion after the password, signs out, and cancels on the next sign-in", async () => {
    const { client, user, password } = await signedInClient(app, deps);
    const wrong = await client.postForm("/account/delete", { password: "not my password" }, { csrfFrom: "/account/delete" });
    expect(wrong.status).toBe(422);
    const res = await client.postForm("/account/delete", { password }, { csrfFrom: "/account/delete" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("will be deleted on");
    expect((await findUserByEmail(deps.db, user.email))?.deletionRequestedAt).toBeInstanceOf(Date);
    expect((await client.get("/account")).status).toBe(303);
    const again = await client.postForm("/sign-in", { email: user.email, password }, { csrfFrom: "/sign-in" });
    expect(again.status).toBe(303);
    expect(await (await client.get("/account")).text()).toContain("deletion of your account has been cancelled");
    expect((await findUserByEmail(deps.db, user.email))?.deletionRequestedAt).toBeNull();
  });
});
