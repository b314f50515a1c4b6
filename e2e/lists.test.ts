// Shelves and lists in real Chromium, with JavaScript on and off: a patron shelves a book with a start date
// and puts it on a new public list, and makes a private one; another patron and a signed-out visitor see
// the public list and neither sees the private one. axe-core on every page on the way.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { works } from "../src/db/schema/index.ts";
import { createVerifiedUser } from "../src/modules/accounts/index.ts";
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, submit, visit } from "./browser.ts";
import { startTestServer, type TestServer } from "./server.ts";

const BOOK = "The pragmatic programmer";

describeBrowser("shelves and lists in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let bookId: string;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const [work] = await server.deps.db.select({ id: works.id }).from(works).where(eq(works.title, BOOK));
    if (!work) throw new Error(`the demo catalogue has no “${BOOK}”`);
    bookId = work.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A new patron of the demo library, signed in on the page. */
  async function signInNewPatron(page: Page, email: string, displayName: string) {
    const password = "a long test password";
    const created = await createVerifiedUser(server.deps, { email, password, displayName, role: "patron" });
    if (!created.ok) throw new Error(`could not create ${email}`);
    await visit(page, "/sign-in");
    await page.getByLabel(/^Email address/).fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await submit(page, page.getByRole("button", { name: "Sign in", exact: true }));
    if (new URL(page.url()).pathname === "/sign-in") throw new Error(`could not sign in as ${email}`);
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "JavaScript on" : "JavaScript off";
    const tag = javaScriptEnabled ? "js-on" : "js-off";

    it(`${mode}: shelves a book, lists it publicly, and shows the public list, never the private one, to others`, async () => {
      const maker = await openPage(browser, server.baseUrl, { javaScriptEnabled });
      const reader = await openPage(browser, server.baseUrl, { javaScriptEnabled });
      const visitor = await openPage(browser, server.baseUrl, { javaScriptEnabled });
      try {
        const page = maker.page;
        await signInNewPatron(page, `list-maker-${tag}@example.org`, `Maker ${tag}`);

        await visit(page, `/works/${bookId}/shelve`);
        expect(await page.locator("h1").textContent()).toBe(BOOK);
        await expectNoAxeViolations(page, `${mode}: shelving page`);
        const shelving = page.getByRole("region", { name: "On my shelves" });
        await shelving.getByRole("radio", { name: "Reading", exact: true }).check();
        await shelving.getByLabel("Started on").fill("2026-02-01");
        await shelving.getByLabel(/^Progress/).fill("40");
        await submit(page, shelving.getByRole("button", { name: "Save to my shelves" }));
        expect(new URL(page.url()).pathname).toBe(`/works/${bookId}/shelve`);
        expect(await page.getByRole("status").textContent()).toContain("Your shelves have been saved.");
        expect(await shelving.getByRole("radio", { name: "Reading", exact: true }).isChecked()).toBe(true);

        await visit(page, "/shelves");
        await expectNoAxeViolations(page, `${mode}: my shelves`);
        await submit(page, page.getByRole("link", { name: "Reading", exact: true }));
        expect(await page.getByRole("heading", { level: 2, name: BOOK }).isVisible()).toBe(true);
        expect(await page.getByText("Started February 1, 2026 · 40% read").isVisible()).toBe(true);
        await expectNoAxeViolations(page, `${mode}: a shelf`);

        // A new public list with the book on it, made from the book's page.
        await visit(page, `/works/${bookId}/shelve`);
        const lists = page.getByRole("region", { name: "Lists", exact: true });
        await lists.getByLabel(/^Title of the list/).fill(`Pragmatic reads ${tag}`);
        await lists.getByRole("radio", { name: "Public" }).check();
        await submit(page, lists.getByRole("button", { name: "Make the list" }));
        const publicPath = new URL(page.url()).pathname;
        expect(publicPath).toMatch(/^\/lists\/[0-9a-f-]{36}$/);
        expect(await page.locator("h1").textContent()).toBe(`Pragmatic reads ${tag}`);
        expect(await page.getByText(`Made by a patron: Maker ${tag}`).isVisible()).toBe(true);
        expect(await page.getByRole("link", { name: BOOK }).isVisible()).toBe(true);
        await expectNoAxeViolations(page, `${mode}: the new list, as its maker`);

        await visit(page, "/lists/new");
        await expectNoAxeViolations(page, `${mode}: new list form`);
        await page.getByLabel(/^Title of the list/).fill(`Secret reads ${tag}`);
        await submit(page, page.getByRole("button", { name: "Make the list" }));
        const privatePath = new URL(page.url()).pathname;
        expect(await page.locator("h1").textContent()).toBe(`Secret reads ${tag}`);

        await signInNewPatron(reader.page, `list-reader-${tag}@example.org`, `Reader ${tag}`);
        for (const [who, other] of [
          ["another patron", reader.page],
          ["a visitor", visitor.page],
        ] as const) {
          const shown = await visit(other, publicPath);
          expect(shown.status(), who).toBe(200);
          expect(await other.locator("h1").textContent()).toBe(`Pragmatic reads ${tag}`);
          expect(await other.getByRole("link", { name: BOOK }).isVisible()).toBe(true);
          await expectNoAxeViolations(other, `${mode}: the public list, as ${who}`);
          expect((await visit(other, privatePath)).status(), who).toBe(404);
          await visit(other, "/lists");
          expect(await other.getByRole("link", { name: `Pragmatic reads ${tag}` }).isVisible()).toBe(true);
          expect(await other.getByRole("link", { name: `Secret reads ${tag}` }).count()).toBe(0);
          await expectNoAxeViolations(other, `${mode}: all lists, as ${who}`);
        }
        for (const watched of [maker, reader, visitor]) expect(watched.foreignRequests).toEqual([]);
      } finally {
        for (const watched of [maker, reader, visitor]) await watched.context.close();
      }
    });
  }
});
