import { and, asc, desc, eq } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import {
  type MODERATION_ACTIONS,
  moderationActions,
  type REPORT_REASONS,
  type ReportSubject,
  reports,
  users,
} from "../../db/schema/index.ts";
import { hasRole, type PersonalDataSection, type Result, type SessionUser } from "../accounts/index.ts";
import { hiddenSubjects, type SubjectContent, setSubjectHidden, subjectContent } from "./subjects.ts";

export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export interface QueuedReport {
  id: string;
  reason: (typeof REPORT_REASONS)[number];
  note: string;
  reporterName: string | null;
  createdAt: Date;
}

export interface QueueItem {
  subjectType: ReportSubject;
  subjectId: string;
  /** Null when the subject no longer exists (deleted by its author): the reports can only be dismissed. */
  content: SubjectContent | null;
  reports: QueuedReport[];
}

/** Open reports grouped by what they are about, the longest-waiting subject first. */
export async function openQueue(db: DbOrTx, limit = 50): Promise<QueueItem[]> {
  const rows = await db
    .select({
      id: reports.id,
      subjectType: reports.subjectType,
      subjectId: reports.subjectId,
      reason: reports.reason,
      note: reports.note,
      reporterName: users.displayName,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .leftJoin(users, eq(users.id, reports.reporterId))
    .where(eq(reports.status, "open"))
    .orderBy(asc(reports.createdAt), asc(reports.id));
  const groups = new Map<string, QueueItem>();
  for (const { subjectType, subjectId, ...report } of rows) {
    const key = `${subjectType}:${subjectId}`;
    let group = groups.get(key);
    if (!group) {
      if (groups.size >= limit) continue;
      group = { subjectType, subjectId, content: null, reports: [] };
      groups.set(key, group);
    }
    group.reports.push(report);
  }
  const items = [...groups.values()];
  for (const item of items) item.content = await subjectContent(db, item.subjectType, item.subjectId);
  return items;
}

/** Everything hidden now, with its content, so moderators can restore it. */
export async function hiddenItems(db: DbOrTx, limit = 50): Promise<SubjectContent[]> {
  const out: SubjectContent[] = [];
  for (const { type, id } of await hiddenSubjects(db, limit)) {
    const content = await subjectContent(db, type, id);
    if (content) out.push(content);
  }
  return out;
}

export interface ModerationInput {
  subjectType: ReportSubject;
  subjectId: string;
  action: ModerationAction;
  note: string;
}

/**
 * A moderator's decision on a subject: hide it everywhere, restore it, or dismiss its reports. The open
 * reports about it are closed (actioned when hidden, dismissed otherwise), and the decision is recorded once,
 * with the moderator, the note, and the first report it answered (none when no report was open).
 */
export async function moderate(
  db: DbOrTx,
  clock: Clock,
  moderator: Pick<SessionUser, "id" | "role">,
  input: ModerationInput,
): Promise<Result<{ closed: number }, "forbidden" | "not-found" | "nothing-open">> {
  if (!hasRole(moderator, "moderator")) return { ok: false, error: "forbidden" };
  const { subjectType, subjectId, action, note } = input;
  return db.transaction(async (tx) => {
    const now = clock.now();
    if (action !== "dismiss" && !(await setSubjectHidden(tx, clock, subjectType, subjectId, action === "hide"))) {
      return { ok: false as const, error: "not-found" as const };
    }
    const closed = await tx
      .update(reports)
      .set({ status: action === "hide" ? "actioned" : "dismissed", resolvedAt: now })
      .where(and(eq(reports.subjectType, subjectType), eq(reports.subjectId, subjectId), eq(reports.status, "open")))
      .returning({ id: reports.id });
    if (action === "dismiss" && closed.length === 0) return { ok: false as const, error: "nothing-open" as const };
    const first = closed.map((r) => r.id).sort()[0] ?? null;
    await tx
      .insert(moderationActions)
      .values({ moderatorId: moderator.id, reportId: first, subjectType, subjectId, action, note, createdAt: now });
    return { ok: true as const, value: { closed: closed.length } };
  });
}

export interface RecordedAction {
  id: string;
  action: ModerationAction;
  subjectType: ReportSubject;
  subjectId: string;
  note: string;
  moderatorName: string | null;
  createdAt: Date;
}

/** The latest decisions, newest first. */
export async function recentActions(db: DbOrTx, limit = 20): Promise<RecordedAction[]> {
  return db
    .select({
      id: moderationActions.id,
      action: moderationActions.action,
      subjectType: moderationActions.subjectType,
      subjectId: moderationActions.subjectId,
      note: moderationActions.note,
      moderatorName: users.displayName,
      createdAt: moderationActions.createdAt,
    })
    .from(moderationActions)
    .leftJoin(users, eq(users.id, moderationActions.moderatorId))
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
    .limit(limit);
}

/** A moderator's decisions: exported; they stay when the account goes, without the moderator's name. */
export const moderationActionsData: PersonalDataSection = {
  name: "moderation_actions",
  export: (db, userId) =>
    db
      .select({
        action: moderationActions.action,
        subjectType: moderationActions.subjectType,
        subjectId: moderationActions.subjectId,
        note: moderationActions.note,
        createdAt: moderationActions.createdAt,
      })
      .from(moderationActions)
      .where(eq(moderationActions.moderatorId, userId)),
};
