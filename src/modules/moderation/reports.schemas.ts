import { z } from "zod";
import { REPORT_REASONS, REPORT_SUBJECTS } from "../../db/schema/index.ts";

export const REPORT_NOTE_MAX = 1000;
export const MODERATION_NOTE_MAX = 1000;

/** A report as sent from the form or the API; messages are catalogue keys. */
export const reportInput = z.object({
  subjectType: z.enum(REPORT_SUBJECTS, { error: "moderation.report.subject.invalid" }),
  subjectId: z.uuid({ error: "moderation.report.subject.invalid" }),
  reason: z.enum(REPORT_REASONS, { error: "moderation.report.reason.required" }),
  note: z.string().trim().max(REPORT_NOTE_MAX, "moderation.report.note.long").default(""),
});
export type ReportInput = z.infer<typeof reportInput>;
