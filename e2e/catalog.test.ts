// Finding a book in real Chromium, with JavaScript on and off, in light and dark mode: search from the header
// box of any page, correct a misspelling, narrow by a facet, open the record; axe-core on every page on the way.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, submit, visit } from "./browser.ts";
import { startTestServer, type TestServer } from "./server.ts";

const MODES = [
  { name: "JavaScript on, light", javaScriptEnabled: true, colorScheme: "light" as const },
  { name: "JavaScript off, light", javaScriptEnabled: false, colorScheme: "light" as const },
  { name: "JavaScript on, dark", javaScriptEnabled: true, colorScheme: "dark" as const },
  { name: "JavaScript off, dark", javaScriptEnabled: false, colorScheme: "dark" as const },
];

/** Searches from the header's search box, as a patron would from any page. */
async function searchFromHeader(page: Page, words: string) {
  const box = page.getByRole("search", { name: "Catalogue search" });
  await box.getByLabel("Search the catalogue").fill(words);
  return submit(page, box.getByRole("button", { name: "Search" }));
}

describeBrowser("catalogue in Chromium", () => {
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

  for (const mode of MODES) {
    describe(mode.name, () => {
      it("finds a misspelled book from the header box and opens its record", async () => {
        const { context, page, foreignRequests } = await openPage(browser, server.baseUrl, mode);
        try {
          await visit(page, "/");
          const found = await searchFromHeader(page, "pragmatik programer");
          expect(found.status()).toBe(200);
          expect(new URL(page.url()).pathname).toBe("/search");
          expect(await page.getByRole("status").textContent()).toContain("1 result for “pragmatic programmer”");
          await expectNoAxeViolations(page, `${mode.name}: search with results`);

          const cover = page.waitForResponse((r) => r.url().endsWith("/cover.svg"));
          await submit(page, page.getByRole("link", { name: "The pragmatic programmer" }));
          expect(new URL(page.url()).pathname).toMatch(/^\/works\/[0-9a-f-]{36}$/);
          expect(await page.locator("h1").textContent()).toBe("The pragmatic programmer");
          expect(await page.getByRole("table", { name: /Editions of The pragmatic programmer/ }).textContent()).toContain(
            "9780201616224",
          );
          const coverResponse = await cover;
          expect(coverResponse.status()).toBe(200);
          expect(coverResponse.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
          expect(await page.getByRole("img", { name: "Cover of The pragmatic programmer" }).isVisible()).toBe(true);
          await expectNoAxeViolations(page, `${mode.name}: record page`);

          // A subject on the record page is a search for that subject.
          await submit(page, page.getByRole("link", { name: "Computer programming", exact: true }));
          expect(new URL(page.url()).searchParams.get("subject")).toBe("Computer programming");
          expect(await page.getByRole("status").textContent()).toContain("2 works");
          expect(foreignRequests).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it("narrows results by a facet, pages on, and says when nothing is found", async () => {
        const { context, page, foreignRequests } = await openPage(browser, server.baseUrl, mode);
        try {
          await visit(page, "/search");
          await searchFromHeader(page, "python");
          const facets = page.getByRole("navigation", { name: "Refine the results" });
          await submit(page, facets.getByRole("link", { name: "Internet programming (2)" }));
          expect(await page.getByRole("status").textContent()).toContain("2 results for “python”");
          expect(await facets.getByRole("link", { name: "Remove Subject: Internet programming" }).isVisible()).toBe(true);
          await expectNoAxeViolations(page, `${mode.name}: search with a facet applied`);

          // The page's own form changes the order and keeps the filter.
          await page.getByLabel("Sort by").selectOption("newest");
          await submit(page, page.getByRole("search", { name: "Search and sort" }).getByRole("button", { name: "Search" }));
          const url = new URL(page.url());
          expect([url.searchParams.get("sort"), url.searchParams.get("subject")]).toEqual(["newest", "Internet programming"]);

          await visit(page, "/search?sort=title&size=10");
          await submit(page, page.getByRole("link", { name: "Next page" }));
          expect(await page.getByRole("link", { name: "Previous page" }).isVisible()).toBe(true);

          await searchFromHeader(page, "xyzzyq");
          expect(await page.getByRole("status").textContent()).toContain("0 results for “xyzzyq”");
          expect(await page.getByText("Nothing in the catalogue matches this search.").isVisible()).toBe(true);
          await expectNoAxeViolations(page, `${mode.name}: search with no results`);
          expect(foreignRequests).toEqual([]);
        } finally {
          await context.close();
        }
      });
    });
  }
});
