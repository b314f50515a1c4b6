// The frame every administration page shares: the list of sections (only those the person may open,
// and the same list decides which role each section needs) above the page's own content.
import type { Child } from "hono/jsx";
import type { Role } from "../../../db/schema/index.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import { hasRole } from "../../../modules/accounts/index.ts";
import type { AppContext } from "../../context.ts";
import { render } from "../layout.tsx";

export interface AdminSection {
  /** Relative to /admin; "" is the overview. */
  path: string;
  label: MessageKey;
  summary?: MessageKey;
  role: Role;
}

export const SECTIONS: readonly AdminSection[] = [
  { path: "", label: "admin.nav.dashboard", role: "staff" },
  { path: "/branches", label: "admin.nav.branches", summary: "admin.section.branches", role: "admin" },
  { path: "/people", label: "admin.nav.people", summary: "admin.section.people", role: "admin" },
  { path: "/settings", label: "admin.nav.settings", summary: "admin.section.settings", role: "admin" },
  { path: "/imports", label: "admin.nav.imports", summary: "admin.section.imports", role: "staff" },
  { path: "/outbox", label: "admin.nav.outbox", summary: "admin.section.outbox", role: "staff" },
  { path: "/jobs", label: "admin.nav.jobs", summary: "admin.section.jobs", role: "staff" },
  { path: "/audit", label: "admin.nav.audit", summary: "admin.section.audit", role: "staff" },
];

export const sectionHref = (section: AdminSection) => `/admin${section.path}`;

export const visibleSections = (c: AppContext) => SECTIONS.filter((s) => hasRole(c.var.user, s.role));

/** "page" on the section's own page, "true" on the pages inside it (a form, a confirmation). */
function currentness(path: string, href: string): "page" | "true" | undefined {
  const normalised = path.replace(/\/+$/, "") || "/";
  if (normalised === href) return "page";
  return href !== "/admin" && normalised.startsWith(`${href}/`) ? "true" : undefined;
}

export function AdminNav({ c }: { c: AppContext }) {
  const t = c.var.tr.t;
  return (
    <nav class="admin-nav" aria-label={t("admin.nav.label")}>
      <ul>
        {visibleSections(c).map((section) => {
          const href = sectionHref(section);
          return (
            <li>
              <a href={href} aria-current={currentness(c.req.path, href)}>
                {t(section.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Renders an administration page: the site layout, the section list, then the page. */
export function adminRender(
  c: AppContext,
  title: string,
  body: Child,
  status?: Parameters<typeof render>[3],
  extra?: Parameters<typeof render>[4],
) {
  return render(
    c,
    title,
    <>
      <AdminNav c={c} />
      {body}
    </>,
    status,
    extra,
  );
}
