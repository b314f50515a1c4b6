import { and, eq, isNotNull, lte } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { apiTokens, auditLog, branches, sessions, users } from "../../db/schema/index.ts";
import type { Jobs } from "../../jobs/index.ts";
import { DELETION_GRACE_DAYS, endAllSessions } from "./accounts.service.ts";

export type Row = Record<string, unknown>;

/**
 * A module that keeps personal data registers a section: what to export, and what happens on deletion.
 * Each module describes its own data, so the account page can say truthfully what deletion does.
 */
export interface PersonalDataSection {
  name: string;
  export(db: DbOrTx, userId: string): Promise<Row[]>;
  /** Runs inside the deletion transaction, before the account row is removed. */
  erase?(db: DbOrTx, userId: string): Promise<void>;
}

export const ACCOUNT_DELETE_JOB = "accounts.delete";

export const accountSections: PersonalDataSection[] = [
  {
    name: "profile",
    async export(db, userId) {
      const rows = await db
        .select({
          id: users.id,
          email: users.email,
          emailVerifiedAt: users.emailVerifiedAt,
          displayName: users.displayName,
          pronouns: users.pronouns,
          locale: users.locale,
          role: users.role,
          branch: branches.name,
          birthDate: users.birthDate,
          profileVisibility: users.profileVisibility,
          showReadingActivity: users.showReadingActivity,
          newsletterOptIn: users.newsletterOptIn,
          deletionRequestedAt: users.deletionRequestedAt,
          createdAt: users.createdAt,
          updatedAt: users.updatedAt,
        })
        .from(users)
        .leftJoin(branches, eq(branches.id, users.branchId))
        .where(eq(users.id, userId));
      return rows;
    },
  },
  {
    name: "sessions",
    export: (db, userId) =>
      db
        .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.userId, userId)),
  },
  {
    name: "api_tokens",
    export: (db, userId) =>
      db
        .select({
          name: apiTokens.name,
          prefix: apiTokens.prefix,
          scopes: apiTokens.scopes,
          createdAt: apiTokens.createdAt,
          lastUsedAt: apiTokens.lastUsedAt,
          revokedAt: apiTokens.revokedAt,
        })
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId)),
  },
  {
    name: "staff_actions",
    export: (db, userId) =>
      db
        .select({ action: auditLog.action, subject: auditLog.subject, details: auditLog.details, createdAt: auditLog.createdAt })
        .from(auditLog)
        .where(eq(auditLog.actorId, userId)),
  },
];

export async function collectPersonalData(db: DbOrTx, userId: string, sections: PersonalDataSection[]) {
  const out: Record<string, Row[]> = {};
  for (const s of sections) out[s.name] = await s.export(db, userId);
  return out;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map(csvCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** A zip with data.json (everything) and one CSV per section. */
export function personalDataArchive(data: Record<string, Row[]>, exportedAt: Date): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "data.json": strToU8(JSON.stringify({ exportedAt: exportedAt.toISOString(), ...data }, null, 2)),
  };
  for (const [name, rows] of Object.entries(data)) files[`${name}.csv`] = strToU8(toCsv(rows));
  return zipSync(files, { level: 6 });
}

export async function requestAccountDeletion(db: DbOrTx, jobs: Jobs, clock: Clock, userId: string): Promise<Date> {
  const now = clock.now();
  const due = new Date(now.getTime() + DELETION_GRACE_DAYS * 86400_000);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ deletionRequestedAt: now }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
    await jobs.send(ACCOUNT_DELETE_JOB, { userId }, { tx, startAfter: due });
  });
  return due;
}

export async function cancelAccountDeletion(db: DbOrTx, userId: string) {
  await db.update(users).set({ deletionRequestedAt: null }).where(eq(users.id, userId));
}

/** Deletes the account if its deletion is still requested and the grace period has passed. */
export async function executeAccountDeletion(
  db: DbOrTx,
  clock: Clock,
  userId: string,
  sections: PersonalDataSection[],
): Promise<"deleted" | "cancelled" | "not-due"> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, userId));
    if (!u?.deletionRequestedAt) return "cancelled";
    const cutoff = new Date(clock.now().getTime() - DELETION_GRACE_DAYS * 86400_000);
    const due = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), isNotNull(users.deletionRequestedAt), lte(users.deletionRequestedAt, cutoff)));
    if (due.length === 0) return "not-due";
    for (const s of sections) await s.erase?.(tx, userId);
    await tx.delete(users).where(eq(users.id, userId));
    return "deleted";
  });
}
