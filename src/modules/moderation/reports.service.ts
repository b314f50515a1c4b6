import { eq } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { type ReportSubject, reports } from "../../db/schema/index.ts";
import type { PersonalDataSection, Result } from "../accounts/index.ts";
import type { Reader } from "../reading/index.ts";
import type { ReportInput } from "./reports.schemas.ts";
import { reportable, type SubjectContent, subjectContent } from "./subjects.ts";

/** What the reporter is about to report, to show it on the report form; null when they cannot see it. */
export async function reportTarget(
  db: DbOrTx,
  clock: Clock,
  reporter: Reader,
  type: ReportSubject,
  id: string,
): Promise<SubjectContent | null> {
  return (await reportable(db, clock, reporter, type, id)) ? subjectContent(db, type, id) : null;
}

/**
 * Files a report for the moderators. A report on something already hidden, or already reported, joins the
 * queue like any other: each report is one person's account of a problem.
 */
export async function fileReport(
  db: DbOrTx,
  clock: Clock,
  reporter: Reader,
  input: ReportInput,
): Promise<Result<{ id: string }, "not-found">> {
  if (!(await reportable(db, clock, reporter, input.subjectType, input.subjectId))) return { ok: false, error: "not-found" };
  const [created] = await db
    .insert(reports)
    .values({ ...input, reporterId: reporter.id, createdAt: clock.now() })
    .returning({ id: reports.id });
  if (!created) throw new Error("report insert returned nothing");
  return { ok: true, value: created };
}

/**
 * The reports a person made. When the account goes, the reports stay for the moderators without the
 * reporter's name (the foreign key is set to null), and the note they wrote is erased with them.
 */
export const reportsData: PersonalDataSection = {
  name: "reports",
  export: (db, userId) =>
    db
      .select({
        id: reports.id,
        subjectType: reports.subjectType,
        subjectId: reports.subjectId,
        reason: reports.reason,
        note: reports.note,
        status: reports.status,
        createdAt: reports.createdAt,
        resolvedAt: reports.resolvedAt,
      })
      .from(reports)
      .where(eq(reports.reporterId, userId)),
  async erase(db, userId) {
    await db.update(reports).set({ note: "" }).where(eq(reports.reporterId, userId));
  },
};
