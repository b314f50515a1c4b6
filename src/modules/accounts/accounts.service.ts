import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import {
  type EmailTokenPurpose,
  emailTokens,
  type ProfileVisibility,
  type Role,
  sessions,
  users,
} from "../../db/schema/index.ts";
import { type Locale, type MessageKey, translator } from "../../i18n/index.ts";
import type { Jobs } from "../../jobs/index.ts";
import { MAIL_JOB, type MailMessage } from "../../mail/index.ts";
import type { ProfileInput, SignUpInput } from "./accounts.schemas.ts";
import { dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from "./crypto.ts";

export interface AccountsContext {
  db: DbOrTx;
  jobs: Jobs;
  clock: Clock;
  baseUrl: string;
  libraryName: string;
}

export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };
const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = <E extends string>(error: E) => ({ ok: false as const, error });

export const SESSION_DAYS = 30;
export const DELETION_GRACE_DAYS = 14;
const TOKEN_HOURS: Record<EmailTokenPurpose, number> = { "verify-email": 72, "reset-password": 1, "change-email": 24 };

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  pronouns: string;
  locale: Locale;
  role: Role;
  branchId: string | null;
  emailVerified: boolean;
  profileVisibility: ProfileVisibility;
  showReadingActivity: boolean;
  newsletterOptIn: boolean;
  deletionRequestedAt: Date | null;
  createdAt: Date;
}

const RANK: Record<Role, number> = { patron: 0, staff: 1, moderator: 2, admin: 3 };
/** The one permission check for roles: moderators can do what staff can, admins everything. */
export function hasRole(user: Pick<SessionUser, "role"> | null | undefined, needed: Role): boolean {
  return !!user && RANK[user.role] >= RANK[needed];
}

type UserRow = typeof users.$inferSelect;
export function toSessionUser(u: UserRow): SessionUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    pronouns: u.pronouns,
    locale: (u.locale === "es" ? "es" : "en") as Locale,
    role: u.role,
    branchId: u.branchId,
    emailVerified: !!u.emailVerifiedAt,
    profileVisibility: u.profileVisibility,
    showReadingActivity: u.showReadingActivity,
    newsletterOptIn: u.newsletterOptIn,
    deletionRequestedAt: u.deletionRequestedAt,
    createdAt: u.createdAt,
  };
}

function link(ctx: AccountsContext, pathAndQuery: string) {
  return `${ctx.baseUrl}${pathAndQuery}`;
}

function renderEmail(locale: Locale, ctx: AccountsContext, kind: "verify" | "reset" | "changeEmail", url: string, name: string) {
  const tr = translator(locale);
  const vars = { library: ctx.libraryName, name, url };
  const k = (suffix: string) => `email.${kind}.${suffix}` as MessageKey;
  const text = `${tr.t("email.greeting", vars)}\n\n${tr.t(k("body"), vars)}\n\n${url}\n\n${tr.t(k("ignore"), vars)}\n\n— ${ctx.libraryName}\n`;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">
<p>${esc(tr.t("email.greeting", vars))}</p><p>${esc(tr.t(k("body"), vars))}</p>
<p><a href="${esc(url)}">${esc(tr.t(k("action"), vars))}</a></p><p>${esc(tr.t(k("ignore"), vars))}</p><p>— ${esc(ctx.libraryName)}</p></body></html>`;
  return { subject: tr.t(k("subject"), vars), text, html };
}

async function issueEmailToken(
  ctx: AccountsContext,
  tx: DbOrTx,
  userId: string,
  purpose: EmailTokenPurpose,
  newEmail?: string,
): Promise<string> {
  const token = randomToken();
  const now = ctx.clock.now();
  // One live token per purpose: asking again replaces the previous link.
  await tx
    .delete(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  await tx.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: sha256(token),
    newEmail: newEmail ?? null,
    expiresAt: new Date(now.getTime() + TOKEN_HOURS[purpose] * 3600_000),
  });
  return token;
}

async function enqueueMail(ctx: AccountsContext, tx: DbOrTx, message: MailMessage) {
  await ctx.jobs.send(MAIL_JOB, message, { tx });
}

export async function signUp(
  ctx: AccountsContext,
  input: SignUpInput,
  locale: Locale,
): Promise<Result<SessionUser, "email-taken">> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email: input.email, passwordHash, displayName: input.displayName, locale })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!created) return fail("email-taken" as const);
    const token = await issueEmailToken(ctx, tx, created.id, "verify-email");
    const mail = renderEmail(locale, ctx, "verify", link(ctx, `/verify-email?token=${token}`), created.displayName);
    await enqueueMail(ctx, tx, { to: created.email, ...mail });
    return ok(toSessionUser(created));
  });
}

export async function resendVerification(ctx: AccountsContext, email: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.email, email));
    if (!u || u.emailVerifiedAt) return;
    const token = await issueEmailToken(ctx, tx, u.id, "verify-email");
    const mail = renderEmail(u.locale as Locale, ctx, "verify", link(ctx, `/verify-email?token=${token}`), u.displayName);
    await enqueueMail(ctx, tx, { to: u.email, ...mail });
  });
}

async function consumeToken(ctx: AccountsContext, tx: DbOrTx, token: string, purpose: EmailTokenPurpose) {
  const now = ctx.clock.now();
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, sha256(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

export async function verifyEmail(ctx: AccountsContext, token: string): Promise<Result<SessionUser, "invalid-token">> {
  return ctx.db.transaction(async (tx) => {
    const row = await consumeToken(ctx, tx, token, "verify-email");
    if (!row) return fail("invalid-token" as const);
    const [u] = await tx
      .update(users)
      .set({ emailVerifiedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(eq(users.id, row.userId))
      .returning();
    return u ? ok(toSessionUser(u)) : fail("invalid-token" as const);
  });
}

export async function authenticate(
  ctx: Pick<AccountsContext, "db">,
  email: string,
  password: string,
): Promise<Result<SessionUser, "invalid-credentials" | "unverified">> {
  const [u] = await ctx.db.select().from(users).where(eq(users.email, email));
  if (!u) {
    await verifyPassword(await dummyPasswordHash(), password);
    return fail("invalid-credentials");
  }
  if (!(await verifyPassword(u.passwordHash, password))) return fail("invalid-credentials");
  if (!u.emailVerifiedAt) return fail("unverified");
  return ok(toSessionUser(u));
}

/** Creates a session; the previous one (if any) is removed, so a sign-in always rotates the cookie. */
export async function startSession(ctx: Pick<AccountsContext, "db" | "clock">, userId: string, previousToken?: string) {
  const token = randomToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86400_000);
  if (previousToken) await ctx.db.delete(sessions).where(eq(sessions.id, sha256(previousToken)));
  await ctx.db.insert(sessions).values({ id: sha256(token), userId, expiresAt });
  // Signing in during the grace period cancels a pending deletion, as the account page promised.
  await ctx.db.update(users).set({ deletionRequestedAt: null }).where(eq(users.id, userId));
  return { token, expiresAt };
}

export async function sessionUser(ctx: Pick<AccountsContext, "db" | "clock">, token: string): Promise<SessionUser | null> {
  const rows = await ctx.db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, ctx.clock.now())));
  const row = rows[0];
  return row ? toSessionUser(row.user) : null;
}

export async function endSession(ctx: Pick<AccountsContext, "db">, token: string) {
  await ctx.db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function endAllSessions(db: DbOrTx, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(ctx: Pick<AccountsContext, "db" | "clock">) {
  await ctx.db.delete(sessions).where(lt(sessions.expiresAt, ctx.clock.now()));
}

/** Always "done" to the caller: whether the address has an account is not revealed. */
export async function requestPasswordReset(ctx: AccountsContext, email: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.email, email));
    if (!u) return;
    const token = await issueEmailToken(ctx, tx, u.id, "reset-password");
    const mail = renderEmail(u.locale as Locale, ctx, "reset", link(ctx, `/reset-password?token=${token}`), u.displayName);
    await enqueueMail(ctx, tx, { to: u.email, ...mail });
  });
}

export async function resetPassword(
  ctx: AccountsContext,
  token: string,
  newPassword: string,
): Promise<Result<SessionUser, "invalid-token">> {
  const passwordHash = await hashPassword(newPassword);
  return ctx.db.transaction(async (tx) => {
    const row = await consumeToken(ctx, tx, token, "reset-password");
    if (!row) return fail("invalid-token" as const);
    // The link proved the address, so it also verifies it; every old session ends.
    const [u] = await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: ctx.clock.now() })
      .where(eq(users.id, row.userId))
      .returning();
    await endAllSessions(tx, row.userId);
    return u ? ok(toSessionUser(u)) : fail("invalid-token" as const);
  });
}

export async function changePassword(
  ctx: AccountsContext,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<Result<null, "wrong-password">> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!u || !(await verifyPassword(u.passwordHash, currentPassword))) return fail("wrong-password");
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: ctx.clock.now() }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
  });
  return ok(null);
}

export async function requestEmailChange(
  ctx: AccountsContext,
  userId: string,
  newEmail: string,
  currentPassword: string,
): Promise<Result<null, "wrong-password" | "email-taken">> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!u || !(await verifyPassword(u.passwordHash, currentPassword))) return fail("wrong-password");
  const [taken] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
  if (taken) return fail("email-taken");
  await ctx.db.transaction(async (tx) => {
    const token = await issueEmailToken(ctx, tx, userId, "change-email", newEmail);
    const mail = renderEmail(u.locale as Locale, ctx, "changeEmail", link(ctx, `/confirm-email?token=${token}`), u.displayName);
    await enqueueMail(ctx, tx, { to: newEmail, ...mail });
  });
  return ok(null);
}

export async function confirmEmailChange(
  ctx: AccountsContext,
  token: string,
): Promise<Result<SessionUser, "invalid-token" | "email-taken">> {
  return ctx.db.transaction(async (tx) => {
    const row = await consumeToken(ctx, tx, token, "change-email");
    if (!row?.newEmail) return fail("invalid-token" as const);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.newEmail));
    if (taken) return fail("email-taken" as const);
    const [u] = await tx
      .update(users)
      .set({ email: row.newEmail, emailVerifiedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(eq(users.id, row.userId))
      .returning();
    return u ? ok(toSessionUser(u)) : fail("invalid-token" as const);
  });
}

export async function updateProfile(
  ctx: Pick<AccountsContext, "db" | "clock">,
  userId: string,
  input: ProfileInput,
): Promise<SessionUser> {
  const [u] = await ctx.db
    .update(users)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(users.id, userId))
    .returning();
  if (!u) throw new Error(`user ${userId} vanished during a profile update`);
  return toSessionUser(u);
}

export async function setLocale(db: DbOrTx, userId: string, locale: Locale) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return u ? toSessionUser(u) : null;
}

export async function findUserById(db: DbOrTx, id: string): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u ? toSessionUser(u) : null;
}

/** Creates an account that is already verified (CLI, demo seed, tests). */
export async function createVerifiedUser(
  ctx: Pick<AccountsContext, "db" | "clock">,
  input: { email: string; password: string; displayName: string; role?: Role; branchId?: string | null; locale?: Locale },
): Promise<Result<SessionUser, "email-taken">> {
  const [u] = await ctx.db
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      role: input.role ?? "patron",
      branchId: input.branchId ?? null,
      locale: input.locale ?? "en",
      emailVerifiedAt: ctx.clock.now(),
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return u ? ok(toSessionUser(u)) : fail("email-taken");
}
