// axe-core (WCAG 2.2 AA) on every page the app has, as the person who would see it: signed out, as a patron,
// as the demo admin; with JavaScript on, off, and in dark mode (colour contrast differs). Every page is also
// watched for requests to any host but this server.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { works } from "../src/db/schema/index.ts";
import { createVerifiedUser } from "../src/modules/accounts/index.ts";
import { DEMO_ACCOUNTS } from "../src/seed/demo.ts";
import {
  axeFindings,
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  submit,
  visit,
  type WatchedContext,
} from "./browser.ts";
import { startTestServer, type TestServer } from "./server.ts";

type Role = "visitor" | "patron" | "admin";

interface PageCheck {
  name: string;
  as: Role;
  /** Brings the page to the state to check and returns the status it was served with. */
  open(page: Page, run: Run): Promise<number>;
  status: number;
  /**
   * Being built by someone else: checked only once it stops answering 404, so this test covers it the day it
   * lands without failing before.
   */
  pending?: boolean;
}

interface Mode {
  name: string;
  /** Distinguishes the data each mode creates (emails), since all modes share one database. */
  tag: string;
  javaScriptEnabled: boolean;
  colorScheme: "light" | "dark";
}

interface Run {
  mode: Mode;
  server: TestServer;
}

const MODES: Mode[] = [
  { name: "JavaScript on", tag: "js-on", javaScriptEnabled: true, colorScheme: "light" },
  { name: "JavaScript off", tag: "js-off", javaScriptEnabled: false, colorScheme: "light" },
  // Dark mode once per page: the colours change, the markup does not.
  { name: "dark mode", tag: "dark", javaScriptEnabled: true, colorScheme: "dark" },
];

const at = (path: string) => async (page: Page) => (await visit(page, path)).status();

const demo = (role: "admin" | "patron") => {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo ${role}`);
  return account;
};

async function signIn(page: Page, email: string, password: string) {
  await visit(page, "/sign-in");
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  const response = await submit(page, page.getByRole("button", { name: "Sign in", exact: true }));
  if (new URL(page.url()).pathname === "/sign-in") throw new Error(`could not sign in as ${email}: ${response.status()}`);
}

const simple = (as: Role, paths: string[], options: Partial<PageCheck> = {}): PageCheck[] =>
  paths.map((path) => ({ name: `${path} (${as})`, as, open: at(path), status: 200, ...options }));

const PAGES: PageCheck[] = [
  ...simple("visitor", [
    "/",
    "/sign-in",
    "/sign-up",
    "/check-email",
    "/verify-email?token=x",
    "/forgot-password",
    "/reset-password?token=x",
    "/confirm-email?token=x",
    "/api/docs",
  ]),
  { name: "404 page (visitor)", as: "visitor", open: at("/no-such-page"), status: 404 },
  {
    name: "sign-up with errors (visitor)",
    as: "visitor",
    status: 422,
    async open(page) {
      await visit(page, "/sign-up");
      await page.getByLabel(/^Your name/).fill("Nia");
      await page.getByLabel(/^Email address/).fill("not-an-email");
      await page.getByLabel(/^Password/).fill("short");
      return (await submit(page, page.getByRole("button", { name: "Create my account" }))).status();
    },
  },
  {
    name: "sign-in with a wrong password (visitor)",
    as: "visitor",
    status: 401,
    async open(page, { mode }) {
      await visit(page, "/sign-in");
      await page.getByLabel(/^Email address/).fill(`nobody-${mode.tag}@example.org`);
      await page.getByLabel(/^Password/).fill("not the password");
      return (await submit(page, page.getByRole("button", { name: "Sign in", exact: true }))).status();
    },
  },
  {
    name: "reset-password with errors (visitor)",
    as: "visitor",
    status: 422,
    async open(page) {
      await visit(page, "/reset-password?token=x");
      await page.getByLabel(/^New password again/).fill("one password here");
      await page.getByLabel(/^New password \(/).fill("another password");
      return (await submit(page, page.getByRole("button", { name: "Save my new password" }))).status();
    },
  },
  {
    name: "verify-email with a used link, confirmed (visitor)",
    as: "visitor",
    status: 400,
    async open(page) {
      await visit(page, "/verify-email?token=x");
      return (await submit(page, page.getByRole("button", { name: "Confirm my email address" }))).status();
    },
  },
  {
    name: "CSRF error page (visitor)",
    as: "visitor",
    status: 403,
    async open(page) {
      await visit(page, "/sign-in");
      // What an expired form looks like to the server: the cookie its token was made from is gone.
      await page.context().clearCookies({ name: "circ_csrf" });
      await page.getByLabel(/^Email address/).fill("someone@example.org");
      await page.getByLabel(/^Password/).fill("some password here");
      return (await submit(page, page.getByRole("button", { name: "Sign in", exact: true }))).status();
    },
  },
  {
    name: "rate-limited page (visitor)",
    as: "visitor",
    status: 429,
    async open(page, { mode }) {
      // Resending the confirmation link is limited per address; the sixth request in an hour is refused.
      let status = 0;
      for (let i = 0; i < 6; i++) {
        await visit(page, "/check-email");
        await page.getByLabel(/^Email address/).fill(`limited-${mode.tag}@example.org`);
        status = (await submit(page, page.getByRole("button", { name: "Send the link again" }))).status();
      }
      return status;
    },
  },
  ...simple("visitor", [
    "/search",
    "/search?q=python",
    "/search?q=pragmatik+programer",
    "/search?q=python&format=book&subject=Internet+programming",
    "/search?q=xyzzyq",
  ]),
  {
    name: "/works/:id (visitor)",
    as: "visitor",
    status: 200,
    async open(page, { server }) {
      const [work] = await server.deps.db.select({ id: works.id }).from(works).where(eq(works.title, "The pragmatic programmer"));
      if (!work) throw new Error("the demo catalogue has no “The pragmatic programmer”");
      return (await visit(page, `/works/${work.id}`)).status();
    },
  },
  { name: "unknown work (visitor)", as: "visitor", open: at("/works/01a20c3c-22ab-7f6d-a94b-000000000000"), status: 404 },
  ...simple("patron", ["/", "/account", "/account/password", "/account/email", "/account/tokens", "/account/delete"]),
  {
    name: "/account/tokens just after creating a token (patron)",
    as: "patron",
    status: 201,
    async open(page, { mode }) {
      await visit(page, "/account/tokens");
      await page.getByLabel(/^Token name/).fill(`script ${mode.tag}`);
      return (await submit(page, page.getByRole("button", { name: "Create token" }))).status();
    },
  },
  { name: "403 page (patron visiting /admin)", as: "patron", open: at("/admin"), status: 403, pending: true },
  ...simple(
    "admin",
    [
      "/admin",
      "/admin/branches",
      "/admin/branches/new",
      "/admin/people",
      "/admin/settings",
      "/admin/outbox",
      "/admin/jobs",
      "/admin/audit",
    ],
    { pending: true },
  ),
  {
    // Last for the visitor: it signs a fresh patron in and leaves the context signed out again.
    name: "deletion scheduled (a patron who just deleted the account)",
    as: "visitor",
    status: 200,
    async open(page, { mode, server }) {
      const email = `leaving-${mode.tag}@example.org`;
      const password = "a long test password";
      const created = await createVerifiedUser(server.deps, {
        email,
        password,
        displayName: `Leaving ${mode.tag}`,
        role: "patron",
      });
      if (!created.ok) throw new Error(`could not create ${email}`);
      await signIn(page, email, password);
      await visit(page, "/account/delete");
      await page.getByLabel(/^Enter your password to confirm/).fill(password);
      return (await submit(page, page.getByRole("button", { name: "Delete my account" }))).status();
    },
  },
];

describeBrowser("accessibility (axe-core, WCAG 2.2 AA)", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Guards against a check that cannot fail: the no-JS path copies the page into another context, and a
  // mistake there (an empty copy, the wrong URL) would otherwise pass every page.
  it("finds a missing form label, with JavaScript on and off", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { context, page } = await openPage(browser, server.baseUrl, { javaScriptEnabled });
      try {
        await page.route("**/axe-self-test", (route) =>
          route.fulfill({
            contentType: "text/html",
            body: '<!doctype html><html lang="en"><title>t</title><main><input type="text"></main></html>',
          }),
        );
        await visit(page, "/axe-self-test");
        const rules = (await axeFindings(page)).map((f) => f.rule);
        expect(rules, `JavaScript ${javaScriptEnabled ? "on" : "off"}`).toContain("label");
      } finally {
        await context.close();
      }
    }
  });

  for (const mode of MODES) {
    describe(mode.name, () => {
      const as = {} as Record<Role, WatchedContext>;
      beforeAll(async () => {
        for (const role of ["visitor", "patron", "admin"] as const) {
          as[role] = await openPage(browser, server.baseUrl, {
            javaScriptEnabled: mode.javaScriptEnabled,
            colorScheme: mode.colorScheme,
          });
        }
        await signIn(as.patron.page, demo("patron").email, demo("patron").password);
        await signIn(as.admin.page, demo("admin").email, demo("admin").password);
      });
      afterAll(async () => {
        for (const watched of Object.values(as)) await watched.context.close();
      });

      for (const check of PAGES) {
        it(check.name, async (ctx) => {
          const { page, foreignRequests } = as[check.as];
          const before = foreignRequests.length;
          const status = await check.open(page, { mode, server });
          if (check.pending && status === 404) {
            ctx.skip(`${check.name} answers 404: not built yet`);
            return;
          }
          expect(status, `${check.name} status`).toBe(check.status);
          const label = `${mode.name}: ${check.name}`;
          await expectNoAxeViolations(page, label);
          expect(foreignRequests.slice(before), `requests to other hosts from ${label}`).toEqual([]);
        });
      }
    });
  }
});
