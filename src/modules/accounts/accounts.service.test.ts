import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../test/database.ts";
import { createTestDeps } from "../../../test/deps.ts";
import type { Deps } from "../../compose.ts";
import { MAIL_JOB } from "../../mail/index.ts";
import {
  authenticate,
  changePassword,
  executeAccountDeletion,
  hitRateLimit,
  requestAccountDeletion,
  requestPasswordReset,
  resetPassword,
  sessionUser,
  signUp,
  startSession,
  verifyEmail,
} from "./index.ts";

const mutableClock = () => {
  let now = new Date("2026-03-01T10:00:00Z");
  return { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
};

async function queuedMail(deps: Deps) {
  const jobs = await deps.jobs.boss.findJobs(MAIL_JOB, { queued: true });
  return jobs.map((j) => j.data as { to: string; subject: string; text: string });
}

describeEachEngine("accounts service", (engine) => {
  let deps: Deps;
  const clock = mutableClock();
  const ctx = () => ({ db: deps.db, jobs: deps.jobs, clock, baseUrl: "http://circulate.test", libraryName: "Test Library" });
  beforeAll(async () => {
    deps = await createTestDeps(engine, { clock });
  });
  afterAll(() => deps?.close());

  it("signs up, refuses sign-in until verified, verifies through the emailed link", async () => {
    const created = await signUp(
      ctx(),
      { email: "ana@example.org", password: "correct horse battery", displayName: "Ana" },
      "es",
    );
    expect(created.ok).toBe(true);
    expect(await authenticate(ctx(), "ana@example.org", "correct horse battery")).toEqual({ ok: false, error: "unverified" });

    const mail = (await queuedMail(deps)).find((m) => m.to === "ana@example.org");
    expect(mail?.subject).toBe("Confirma tu dirección de correo para Test Library");
    const token = mail?.text.match(/verify-email\?token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    expect((await verifyEmail(ctx(), token!)).ok).toBe(true);
    expect((await verifyEmail(ctx(), token!)).ok).toBe(false); // one use only

    const signedIn = await authenticate(ctx(), "ana@example.org", "correct horse battery");
    expect(signedIn.ok).toBe(true);
    expect(await authenticate(ctx(), "ana@example.org", "wrong password!!")).toEqual({ ok: false, error: "invalid-credentials" });
  });

  it("refuses a second account for the same address, whatever its case", async () => {
    const again = await signUp(ctx(), { email: "ana@example.org", password: "another password", displayName: "Ana 2" }, "en");
    expect(again).toEqual({ ok: false, error: "email-taken" });
  });

  it("rotates sessions and ends them all on password change", async () => {
    const user = (await authenticate(ctx(), "ana@example.org", "correct horse battery")) as { ok: true; value: { id: string } };
    const first = await startSession(ctx(), user.value.id);
    const second = await startSession(ctx(), user.value.id, first.token);
    expect(await sessionUser(ctx(), first.token)).toBeNull();
    expect((await sessionUser(ctx(), second.token))?.email).toBe("ana@example.org");
    expect((await changePassword(ctx(), user.value.id, "nope-nope-nope", "new password 123")).ok).toBe(false);
    expect((await changePassword(ctx(), user.value.id, "correct horse battery", "new password 123")).ok).toBe(true);
    expect(await sessionUser(ctx(), second.token)).toBeNull();
  });

  it("expires sessions", async () => {
    const user = (await authenticate(ctx(), "ana@example.org", "new password 123")) as { ok: true; value: { id: string } };
    const s = await startSession(ctx(), user.value.id);
    clock.advance(31 * 86400_000);
    expect(await sessionUser(ctx(), s.token)).toBeNull();
  });

  it("resets a password by the emailed link, once, within the hour", async () => {
    await requestPasswordReset(ctx(), "ana@example.org");
    await requestPasswordReset(ctx(), "nobody@example.org"); // silently nothing
    const mails = (await queuedMail(deps)).filter((m) => m.subject.includes("Restablece"));
    expect(mails).toHaveLength(1);
    const token = mails[0]?.text.match(/reset-password\?token=([\w-]+)/)?.[1] ?? "";
    clock.advance(2 * 3600_000);
    expect((await resetPassword(ctx(), token, "too late password")).ok).toBe(false);
    await requestPasswordReset(ctx(), "ana@example.org");
    const fresh = (await queuedMail(deps))
      .filter((m) => m.subject.includes("Restablece"))
      .map((m) => m.text.match(/token=([\w-]+)/)?.[1]);
    const newest = fresh.find((t) => t !== token) ?? "";
    expect((await resetPassword(ctx(), newest, "brand new password")).ok).toBe(true);
    expect((await authenticate(ctx(), "ana@example.org", "brand new password")).ok).toBe(true);
  });

  it("limits attempts in a fixed window shared through the database", async () => {
    const rule = { limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await hitRateLimit(deps.db, clock, "test:key", rule)).allowed);
    expect(results).toEqual([true, true, true, false]);
    clock.advance(61_000);
    expect((await hitRateLimit(deps.db, clock, "test:key", rule)).allowed).toBe(true);
  });

  it("deletes an account only after the grace period, and not if deletion was cancelled by signing in", async () => {
    const user = (await authenticate(ctx(), "ana@example.org", "brand new password")) as { ok: true; value: { id: string } };
    await requestAccountDeletion(deps.db, deps.jobs, clock, user.value.id);
    expect(await executeAccountDeletion(deps.db, clock, user.value.id, deps.personalData)).toBe("not-due");
    await startSession(ctx(), user.value.id); // signing in cancels
    clock.advance(15 * 86400_000);
    expect(await executeAccountDeletion(deps.db, clock, user.value.id, deps.personalData)).toBe("cancelled");
    await requestAccountDeletion(deps.db, deps.jobs, clock, user.value.id);
    clock.advance(15 * 86400_000);
    expect(await executeAccountDeletion(deps.db, clock, user.value.id, deps.personalData)).toBe("deleted");
    expect(await authenticate(ctx(), "ana@example.org", "brand new password")).toEqual({
      ok: false,
      error: "invalid-credentials",
    });
  });
});
