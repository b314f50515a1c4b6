import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { users } from "./accounts.ts";

const id = () => uuid("id").primaryKey().$defaultFn(uuidv7);

export const REPORT_SUBJECTS = ["review", "tag", "list", "profile"] as const;
export type ReportSubject = (typeof REPORT_SUBJECTS)[number];
export const REPORT_REASONS = ["spam", "harassment", "hate", "spoiler", "personal-information", "off-topic", "other"] as const;
export const REPORT_STATUSES = ["open", "actioned", "dismissed"] as const;
export const MODERATION_ACTIONS = ["hide", "restore", "dismiss"] as const;

/** Something a patron or staff member reported for moderators to look at. */
export const reports = pgTable(
  "reports",
  {
    id: id(),
    reporterId: uuid("reporter_id").references(() => users.id, { onDelete: "set null" }),
    subjectType: text("subject_type", { enum: REPORT_SUBJECTS }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    reason: text("reason", { enum: REPORT_REASONS }).notNull(),
    note: text("note").notNull().default(""),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("reports_status_idx").on(t.status, t.createdAt), index("reports_subject_idx").on(t.subjectType, t.subjectId)],
);

/** Every moderator decision, kept as the record of who did what and why. */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: id(),
    reportId: uuid("report_id").references(() => reports.id, { onDelete: "set null" }),
    moderatorId: uuid("moderator_id").references(() => users.id, { onDelete: "set null" }),
    subjectType: text("subject_type", { enum: REPORT_SUBJECTS }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    action: text("action", { enum: MODERATION_ACTIONS }).notNull(),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("moderation_actions_subject_idx").on(t.subjectType, t.subjectId)],
);
