import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Probes that staff (and the process tests) send through the queue to see that a worker is alive. */
export const workerChecks = pgTable("worker_checks", {
  id: uuid("id").primaryKey(),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  /** How many times a worker ran the job; more than 1 means it was retried after a crash. */
  runs: integer("runs").notNull().default(0),
  workerPid: integer("worker_pid"),
  label: text("label").notNull().default(""),
});
