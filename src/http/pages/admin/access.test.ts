import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import type { Deps } from "../../../compose.ts";
import type { Role } from "../../../db/schema/index.ts";

type Visitor = Role | "signed-out";
const VISITORS: Visitor[] = ["signed-out", "patron", "staff", "moderator", "admin"];
// Written out rather than derived from hasRole, so the test states the policy instead of repeating the code.
const ALLOWED: Record<"staff" | "admin", Visitor[]> = { staff: ["staff", "moderator", "admin"], admin: ["admin"] };

interface Probe {
  method: "GET" | "POST";
  path: string;
  needs: "staff" | "admin";
  /** The answer an allowed visitor gets (POSTs send input that changes nothing lasting). */
  allowed: number;
  fields?: Record<string, string>;
}

const MISSING = "0190a000-0000-7000-8000-000000000000";
const PROBES: Probe[] = [
  { method: "GET", path: "/admin", needs: "staff", allowed: 200 },
  { method: "GET", path: "/admin/outbox", needs: "staff", allowed: 200 },
  { method: "GET", path: "/admin/jobs", needs: "staff", allowed: 200 },
  { method: "GET", path: "/admin/audit", needs: "staff", allowed: 200 },
  { method: "GET", path: "/admin/branches", needs: "admin", allowed: 200 },
  { method: "GET", path: "/admin/branches/new", needs: "admin", allowed: 200 },
  { method: "GET", path: `/admin/branches/${MISSING}/edit`, needs: "admin", allowed: 404 },
  { method: "GET", path: "/admin/people", needs: "admin", allowed: 200 },
  { method: "GET", path: `/admin/people/${MISSING}`, needs: "admin", allowed: 404 },
  { method: "GET", path: "/admin/settings", needs: "admin", allowed: 200 },
  { method: "POST", path: "/admin/jobs/worker-check", needs: "staff", allowed: 303 },
  { method: "POST", path: "/admin/jobs/retry", needs: "admin", allowed: 303, fields: { name: "nothing", id: MISSING } },
  { method: "POST", path: "/admin/branches/new", needs: "admin", allowed: 422, fields: { name: "", slug: "Not a slug" } },
  { method: "POST", path: `/admin/branches/${MISSING}/delete`, needs: "admin", allowed: 404 },
  { method: "POST", path: `/admin/people/${MISSING}`, needs: "admin", allowed: 404, fields: { role: "admin" } },
  { method: "POST", path: "/admin/settings", needs: "admin", allowed: 422, fields: { libraryName: "" } },
];

const adminNav = (html: string) => html.match(/<nav class="admin-nav"[\s\S]*?<\/nav>/)?.[0] ?? "";

describeEachEngine("admin area access", (engine) => {
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const clients = new Map<Visitor, TestClient>();
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    app = createApp(deps);
    clients.set("signed-out", new TestClient(app));
    for (const role of ["patron", "staff", "moderator", "admin"] as const) {
      clients.set(role, (await signedInClient(app, deps, role)).client);
    }
  });
  afterAll(async () => {
    await deps?.close();
  });
  const client = (visitor: Visitor) => {
    const found = clients.get(visitor);
    if (!found) throw new Error(`no client for ${visitor}`);
    return found;
  };

  describe("role matrix", () => {
    for (const probe of PROBES) {
      it(`${probe.method} ${probe.path} needs ${probe.needs}`, async () => {
        for (const visitor of VISITORS) {
          const browser = client(visitor);
          const res =
            probe.method === "GET" ? await browser.get(probe.path) : await browser.postForm(probe.path, probe.fields ?? {});
          const label = `${visitor} → ${probe.method} ${probe.path}`;
          if (visitor === "signed-out") {
            expect(res.status, label).toBe(303);
            expect(res.headers.get("location"), label).toMatch(/^\/sign-in\?next=/);
          } else {
            expect(res.status, label).toBe(ALLOWED[probe.needs].includes(visitor) ? probe.allowed : 403);
          }
        }
      });
    }
  });

  it("sends a signed-out visitor to sign in and back to the page asked for", async () => {
    const res = await client("signed-out").get("/admin/jobs");
    expect(res.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent("/admin/jobs")}`);
  });

  it("lists in the section menu only what the role may open, and marks the current section", async () => {
    const staffNav = adminNav(await (await client("staff").get("/admin/jobs")).text());
    expect(staffNav).toContain('href="/admin/outbox"');
    expect(staffNav).toMatch(/href="\/admin\/jobs" aria-current="page"/);
    expect(staffNav).not.toContain('href="/admin/branches"');
    expect(staffNav).not.toContain('href="/admin/settings"');

    const adminHtml = await (await client("admin").get("/admin/branches/new")).text();
    const nav = adminNav(adminHtml);
    for (const path of ["", "/branches", "/people", "/settings", "/outbox", "/jobs", "/audit"]) {
      expect(nav).toContain(`href="/admin${path}"`);
    }
    expect(nav).toMatch(/href="\/admin\/branches" aria-current="true"/);
    expect(nav).toMatch(/aria-label="Administration sections"/);
  });

  it("shows counts and the mail mode on the overview", async () => {
    const html = await (await client("staff").get("/admin")).text();
    expect(html).toMatch(/People with an account<\/dt><dd>4<\/dd>/);
    expect(html).toMatch(/Branches<\/dt><dd>0<\/dd>/);
    expect(html).toContain("No SMTP server is configured");
    expect(html).toContain('href="/admin/outbox"');
    // Staff are not offered the sections only administrators can open.
    expect(html).not.toContain('href="/admin/people"');
  });

  it("gives every page one h1, unique ids, and no inline styles or scripts", async () => {
    for (const probe of PROBES.filter((p) => p.method === "GET" && p.allowed === 200)) {
      const html = await (await client("admin").get(probe.path)).text();
      expect(html.match(/<h1[\s>]/g), probe.path).toHaveLength(1);
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size, `${probe.path} ids`).toBe(ids.length);
      expect(html, probe.path).not.toMatch(/\sstyle="/);
      expect(html, probe.path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
        expect(table, probe.path).toMatch(/^<table><caption>/);
        expect(table, probe.path).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)/);
      }
    }
  });

  it("refuses a form without a valid CSRF token", async () => {
    const res = await client("admin").postForm(
      "/admin/settings",
      { libraryName: "Forged Library", timeZone: "UTC", defaultLocale: "en" },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This form has expired");
    const forged = await client("admin").postForm("/admin/branches/new", { name: "Forged", slug: "forged" }, { csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(await (await client("admin").get("/admin/settings")).text()).not.toContain("Forged Library");
    expect(await (await client("admin").get("/admin/branches")).text()).not.toContain("forged");
  });
});
