// The staff administration area under /admin: branches, people and roles, library settings, the email
// outbox, catalogue imports, background jobs and the audit log. Every page needs the staff role at least; SECTIONS says
// which sections need more, and the same list builds the section menu, so the two cannot disagree.
import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import type { AppEnv } from "../../context.ts";
import { requireRole } from "../../middleware/guards.ts";
import type { SettingsCache } from "../../middleware/session.ts";
import { SECTIONS } from "./admin-layout.tsx";
import { auditPages } from "./audit.page.tsx";
import { branchPages } from "./branches.page.tsx";
import { dashboardPage } from "./dashboard.page.tsx";
import { importPages } from "./imports.page.tsx";
import { jobPages } from "./jobs.page.tsx";
import { outboxPages } from "./outbox.page.tsx";
import { peoplePages } from "./people.page.tsx";
import { settingsPages } from "./settings.page.tsx";

export function adminPages(deps: Deps, cache: SettingsCache) {
  const app = new Hono<AppEnv>();

  app.use(requireRole("staff"));
  for (const { path, role } of SECTIONS) if (role !== "staff") app.use(`${path}/*`, requireRole(role));

  app.route("/", dashboardPage(deps));
  app.route("/branches", branchPages(deps));
  app.route("/people", peoplePages(deps));
  app.route("/settings", settingsPages(deps, cache));
  app.route("/imports", importPages(deps));
  app.route("/outbox", outboxPages(deps));
  app.route("/jobs", jobPages(deps));
  app.route("/audit", auditPages(deps));

  return app;
}
