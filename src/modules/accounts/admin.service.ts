import { asc, count, desc, eq, ilike, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/index.ts";
import { auditLog, branches, type Role, settings, users } from "../../db/schema/index.ts";
import { LOCALES } from "../../i18n/index.ts";
import { isCatalogLinkTemplate } from "../catalog/index.ts";
import type { BranchInput } from "./accounts.schemas.ts";
import type { Result } from "./accounts.service.ts";
import { type SessionUser, toSessionUser } from "./accounts.service.ts";

export const librarySettingsSchema = z.object({
  libraryName: z.string().trim().min(1, "validation.libraryName.required").max(120, "validation.libraryName.long"),
  timeZone: z
    .string()
    .trim()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "validation.timeZone.invalid"),
  defaultLocale: z.enum(LOCALES, { message: "validation.locale.invalid" }),
  contactEmail: z.union([z.literal(""), z.string().trim().email("validation.email.invalid")]).default(""),
  /** "Find it in our catalogue" links; {isbn}, {controlNumber} and {title} are filled in for each record. */
  catalogLinkTemplate: z
    .string()
    .trim()
    .max(500, "catalog.validation.linkTemplate.long")
    .refine((t) => t === "" || isCatalogLinkTemplate(t), "catalog.validation.linkTemplate.url")
    .optional(),
});
export type LibrarySettings = z.infer<typeof librarySettingsSchema>;
export const DEFAULT_SETTINGS: LibrarySettings = {
  libraryName: "Circulate Library",
  timeZone: "UTC",
  defaultLocale: "en",
  contactEmail: "",
};

export async function getLibrarySettings(db: DbOrTx): Promise<LibrarySettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, "library"));
  const parsed = librarySettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...((row?.value as object) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveLibrarySettings(db: DbOrTx, actorId: string | null, value: LibrarySettings) {
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: "library", value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    await tx.insert(auditLog).values({ actorId, action: "settings.update", subject: "library", details: value });
  });
}

export type Branch = typeof branches.$inferSelect;

export const listBranches = (db: DbOrTx): Promise<Branch[]> => db.select().from(branches).orderBy(asc(branches.name));

export async function getBranch(db: DbOrTx, id: string): Promise<Branch | null> {
  const [b] = await db.select().from(branches).where(eq(branches.id, id));
  return b ?? null;
}

export async function saveBranch(
  db: DbOrTx,
  actorId: string | null,
  input: BranchInput,
  id?: string,
): Promise<Result<Branch, "slug-taken" | "not-found">> {
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.slug, input.slug));
    if (clash && clash.id !== id) return { ok: false as const, error: "slug-taken" as const };
    const [row] = id
      ? await tx.update(branches).set(input).where(eq(branches.id, id)).returning()
      : await tx.insert(branches).values(input).returning();
    if (!row) return { ok: false as const, error: "not-found" as const };
    await tx
      .insert(auditLog)
      .values({ actorId, action: id ? "branch.update" : "branch.create", subject: `branch:${row.id}`, details: input });
    return { ok: true as const, value: row };
  });
}

export async function deleteBranch(db: DbOrTx, actorId: string | null, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.delete(branches).where(eq(branches.id, id)).returning();
    if (rows.length) await tx.insert(auditLog).values({ actorId, action: "branch.delete", subject: `branch:${id}`, details: {} });
    return rows.length > 0;
  });
}

export async function listPeople(
  db: DbOrTx,
  query = "",
  limit = 50,
  offset = 0,
): Promise<{ people: SessionUser[]; total: number }> {
  const q = query.trim();
  const where = q ? or(ilike(users.email, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined;
  const rows = await db.select().from(users).where(where).orderBy(asc(users.displayName)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count() }).from(users).where(where);
  return { people: rows.map(toSessionUser), total: Number(total?.n ?? 0) };
}

export async function setRoleAndBranch(
  db: DbOrTx,
  actor: SessionUser,
  userId: string,
  role: Role,
  branchId: string | null,
): Promise<Result<SessionUser, "not-found" | "last-admin">> {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, userId));
    if (!target) return { ok: false as const, error: "not-found" as const };
    if (target.role === "admin" && role !== "admin") {
      const [admins] = await tx.select({ n: count() }).from(users).where(eq(users.role, "admin"));
      if (Number(admins?.n ?? 0) <= 1) return { ok: false as const, error: "last-admin" as const };
    }
    const [u] = await tx.update(users).set({ role, branchId }).where(eq(users.id, userId)).returning();
    await tx.insert(auditLog).values({
      actorId: actor.id,
      action: "person.role",
      subject: `user:${userId}`,
      details: { from: target.role, to: role, branchId },
    });
    return u ? { ok: true as const, value: toSessionUser(u) } : { ok: false as const, error: "not-found" as const };
  });
}

export async function recentAudit(db: DbOrTx, limit = 50) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subject: auditLog.subject,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actor: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}

export async function countPeople(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}
