// Rating, reviewing, tagging and reporting in real Chromium, with JavaScript on and off: a patron rates a book,
// reviews it behind a spoiler warning, tags it and reports someone else's review; a moderator hides that review
// and it is gone for everyone. axe-core checks each page on the way.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { works } from "../src/db/schema/index.ts";
import { createVerifiedUser } from "../src/modules/accounts/index.ts";
import { createReview, loadReader, reviewInput } from "../src/modules/reading/index.ts";
import { DEMO_ACCOUNTS } from "../src/seed/demo.ts";
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, submit, visit } from "./browser.ts";
import { startTestServer, type TestServer } from "./server.ts";

const MODES = [
  { name: "JavaScript on", tag: "js-on", javaScriptEnabled: true, title: "Learning Python" },
  { name: "JavaScript off", tag: "js-off", javaScriptEnabled: false, title: "The pragmatic programmer" },
];

async function signIn(page: Page, email: string, password: string) {
  await visit(page, "/sign-in");
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await submit(page, page.getByRole("button", { name: "Sign in", exact: true }));
  if (new URL(page.url()).pathname === "/sign-in") throw new Error(`could not sign in as ${email}`);
}

describeBrowser("ratings, reviews, tags and reports in Chromium", () => {
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
      it("a patron rates, reviews with a spoiler warning, tags and reports; a moderator hides the report's review", async () => {
        const { db, clock } = server.deps;
        const [work] = await db.select({ id: works.id }).from(works).where(eq(works.title, mode.title));
        if (!work) throw new Error(`the demo catalogue has no “${mode.title}”`);
        const community = `/works/${work.id}/community`;

        // Someone else's review, for the patron to report.
        const other = await createVerifiedUser(server.deps, {
          email: `rude-${mode.tag}@example.org`,
          password: "a long test password",
          displayName: `Rude Reviewer ${mode.tag}`,
        });
        if (!other.ok) throw new Error("could not create the other reviewer");
        const otherReader = await loadReader(db, clock, other.value);
        if (!otherReader) throw new Error("no reader");
        await createReview(
          db,
          clock,
          otherReader,
          work.id,
          reviewInput.parse({ title: `Rant ${mode.tag}`, body: "Rude words." }),
        );

        const email = `reader-${mode.tag}@example.org`;
        const password = "a long test password";
        await createVerifiedUser(server.deps, { email, password, displayName: `Careful Reader ${mode.tag}` });

        const patron = await openPage(browser, server.baseUrl, { javaScriptEnabled: mode.javaScriptEnabled });
        const moderator = await openPage(browser, server.baseUrl, { javaScriptEnabled: mode.javaScriptEnabled });
        const visitor = await openPage(browser, server.baseUrl, { javaScriptEnabled: mode.javaScriptEnabled });
        try {
          const visitorPage = visitor.page;
          await visit(visitorPage, community);
          await expectNoAxeViolations(visitorPage, `${mode.name}: community page, signed out`);

          const page = patron.page;
          await signIn(page, email, password);
          await visit(page, community);

          // Rate four and a half stars.
          const rating = page.getByRole("group", { name: "Your rating" });
          await rating.getByLabel("4.5 stars").check();
          await submit(page, page.getByRole("button", { name: "Save my rating" }));
          expect(await page.getByRole("status").first().textContent()).toContain("Your rating has been saved.");
          expect(await page.getByRole("group", { name: "Your rating: 4.5 stars" }).isVisible()).toBe(true);
          expect(await page.getByRole("table", { name: "How readers rated it" }).textContent()).toContain("100%");

          // Review behind a spoiler and a content warning.
          await page.getByLabel("Title").fill(`Clever ${mode.tag}`);
          await page.getByLabel(/^Your review/).fill("The **twist** in the last chapter is great.");
          await page.getByLabel("It contains spoilers").check();
          await page.getByLabel("Content warning (optional)").fill("a death");
          await page.getByRole("radio", { name: "Everyone" }).check();
          await submit(page, page.getByRole("button", { name: "Publish my review" }));
          expect(await page.getByRole("status").first().textContent()).toContain("Your review has been published.");
          const mine = page.getByRole("article", { name: `Clever ${mode.tag}` });
          const warning = mine.locator("summary");
          expect(await warning.textContent()).toBe("Spoiler and content warning: a death. Show the review");
          expect(await mine.getByText("twist").isVisible()).toBe(false);
          await warning.click();
          expect(await mine.getByText("twist").isVisible()).toBe(true);

          // Tag it.
          await page.getByLabel(/^Add a tag/).fill(`Rainy day ${mode.tag}`);
          await submit(page, page.getByRole("button", { name: "Add the tag" }));
          const cloud = page.getByRole("list", { name: "Tags readers gave this work" });
          expect(await cloud.getByRole("link", { name: `Rainy day ${mode.tag} (given by 1 person)` }).isVisible()).toBe(true);
          await expectNoAxeViolations(page, `${mode.name}: community page, signed in, after writing`);

          await submit(page, cloud.getByRole("link", { name: `Rainy day ${mode.tag} (given by 1 person)` }));
          expect(await page.locator("h1").textContent()).toBe(`Tag: Rainy day ${mode.tag}`);
          await expectNoAxeViolations(page, `${mode.name}: tag page`);

          // Report the other review.
          await visit(page, community);
          await submit(page, page.getByRole("link", { name: `Report Rant ${mode.tag}` }));
          expect(await page.locator("h1").textContent()).toBe("Report to the moderators");
          await expectNoAxeViolations(page, `${mode.name}: report form`);
          await page.getByRole("radio", { name: "Harassment or bullying" }).check();
          await page.getByLabel(/^Anything the moderators should know/).fill(`Rude to readers (${mode.tag})`);
          await submit(page, page.getByRole("button", { name: "Send the report" }));
          expect(new URL(page.url()).pathname).toBe(community);
          expect(await page.getByRole("status").first().textContent()).toContain(
            "Thank you. The moderators will look at your report.",
          );

          // The moderator hides it.
          const demoModerator = DEMO_ACCOUNTS.find((a) => a.role === "moderator");
          if (!demoModerator) throw new Error("no demo moderator");
          await signIn(moderator.page, demoModerator.email, demoModerator.password);
          await submit(moderator.page, moderator.page.getByRole("link", { name: "Moderation" }));
          const entry = moderator.page.getByRole("article", { name: new RegExp(`Rant ${mode.tag}`) });
          expect(await entry.textContent()).toContain(`Rude to readers (${mode.tag})`);
          await expectNoAxeViolations(moderator.page, `${mode.name}: moderation queue`);
          await entry.getByLabel("Note for the record (optional)").fill("harassment");
          await submit(moderator.page, entry.getByRole("button", { name: /^Hide/ }));
          expect(await moderator.page.getByRole("status").first().textContent()).toContain("Hidden.");
          expect(
            await moderator.page.getByRole("table", { name: "The latest moderation decisions, newest first" }).textContent(),
          ).toContain("harassment");

          await visit(visitorPage, community);
          expect(await visitorPage.getByText(`Rant ${mode.tag}`).count()).toBe(0);
          expect(await visitorPage.getByText(`Clever ${mode.tag}`).count()).toBe(1);

          for (const watched of [patron, moderator, visitor]) expect(watched.foreignRequests).toEqual([]);
        } finally {
          for (const watched of [patron, moderator, visitor]) await watched.context.close();
        }
      });
    });
  }
});
