// A patron's whole account life in real Chromium, with JavaScript on and off (DESIGN.md: every page works
// without it): sign up, confirm by the emailed link, sign in, switch language, export, delete.
import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findUserByEmail } from "../src/modules/accounts/index.ts";
import { linkIn } from "../test/smtp.ts";
import { describeBrowser, launchBrowser, openPage, submit, visit } from "./browser.ts";
import { startTestServer, type TestServer } from "./server.ts";

describeBrowser("account flows in Chromium", () => {
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

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "JavaScript on" : "JavaScript off";
    const tag = javaScriptEnabled ? "js-on" : "js-off";

    it(`${mode}: signs up, confirms by email, signs in, switches language, exports and deletes the account`, async () => {
      const { context, page, foreignRequests } = await openPage(browser, server.baseUrl, { javaScriptEnabled });
      try {
        const email = `reader-${tag}@example.org`;
        const password = "reading is fun 42";

        await visit(page, "/sign-up");
        await page.getByLabel(/^Your name/).fill("Nia Reader");
        await page.getByLabel(/^Email address/).fill(email);
        await page.getByLabel(/^Password/).fill(password);
        await submit(page, page.getByRole("button", { name: "Create my account" }));
        expect(new URL(page.url()).pathname).toBe("/check-email");
        expect(await page.locator("h1").textContent()).toBe("Check your email");

        // The link must point at this server: BASE_URL is the real loopback address.
        const mail = await server.smtp.waitFor((m) => m.to.includes(email));
        const link = linkIn(mail, "/verify-email?token=");
        expect(link.origin).toBe(server.baseUrl);
        await visit(page, link.href);
        await submit(page, page.getByRole("button", { name: "Confirm my email address" }));
        expect(new URL(page.url()).pathname).toBe("/sign-in");
        expect(await page.getByRole("status").textContent()).toContain("Your email address is confirmed");

        await page.getByLabel(/^Email address/).fill(email);
        await page.getByLabel(/^Password/).fill(password);
        await submit(page, page.getByRole("button", { name: "Sign in", exact: true }));
        expect(new URL(page.url()).pathname).toBe("/account");
        expect(await page.getByRole("status").textContent()).toContain("Welcome back");

        // The header's language switcher is a plain form: it must work without scripts.
        await page.getByRole("banner").getByLabel("Language", { exact: true }).selectOption("es");
        await submit(page, page.getByRole("button", { name: "Change language" }));
        expect(new URL(page.url()).pathname).toBe("/account");
        expect(await page.locator("html").getAttribute("lang")).toBe("es");
        expect(await page.locator("h1").textContent()).toBe("Tu cuenta");
        await page.getByRole("banner").getByLabel("Idioma", { exact: true }).selectOption("en");
        await submit(page, page.getByRole("button", { name: "Cambiar idioma" }));
        expect(await page.locator("html").getAttribute("lang")).toBe("en");
        expect(await page.locator("h1").textContent()).toBe("Your account");

        const downloading = page.waitForEvent("download");
        await page.getByRole("link", { name: "Download my data" }).click();
        const download = await downloading;
        expect(download.suggestedFilename()).toMatch(/^circulate-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
        const files = unzipSync(new Uint8Array(await readFile(await download.path())));
        const data = JSON.parse(strFromU8(files["data.json"] ?? new Uint8Array())) as { profile?: { email?: string }[] };
        expect(data.profile?.[0]?.email).toBe(email);

        await submit(page, page.getByRole("link", { name: "Delete your account" }));
        await page.getByLabel(/^Enter your password to confirm/).fill(password);
        const deleted = await submit(page, page.getByRole("button", { name: "Delete my account" }));
        expect(deleted.status()).toBe(200);
        expect(await page.locator("h1").textContent()).toBe("Deletion scheduled");
        expect(await page.locator("main").textContent()).toContain("Your account will be deleted on");
        // Signed out: the header offers sign-in again, and the account page sends the visitor there.
        expect(await page.getByRole("navigation").getByRole("link", { name: "Sign in" }).count()).toBe(1);
        expect((await findUserByEmail(server.deps.db, email))?.deletionRequestedAt).toBeInstanceOf(Date);
        await visit(page, "/account");
        expect(new URL(page.url()).pathname).toBe("/sign-in");

        expect(foreignRequests).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`${mode}: a bad sign-up keeps what was typed and shows the error next to the field`, async () => {
      const { context, page } = await openPage(browser, server.baseUrl, { javaScriptEnabled });
      try {
        await visit(page, "/sign-up");
        await page.getByLabel(/^Your name/).fill("Nia");
        await page.getByLabel(/^Email address/).fill("not-an-email");
        await page.getByLabel(/^Password/).fill("reading is fun 42");
        // The form has novalidate, so the server's answer is what the patron sees, with or without scripts.
        const response = await submit(page, page.getByRole("button", { name: "Create my account" }));
        expect(response.status()).toBe(422);

        expect(await page.getByLabel(/^Your name/).inputValue()).toBe("Nia");
        expect(await page.getByLabel(/^Email address/).inputValue()).toBe("not-an-email");
        const emailInput = page.locator("#field-email");
        expect(await emailInput.getAttribute("aria-invalid")).toBe("true");
        expect((await emailInput.getAttribute("aria-describedby"))?.split(" ")).toContain("field-email-error");
        // "Next to the field": inside the same field group as the input, not only in the summary at the top.
        const group = page.locator(".field", { has: emailInput });
        expect(await group.locator("#field-email-error").textContent()).toBe("Enter an email address like name@example.org");
        expect(await page.locator("#field-displayName-error").count()).toBe(0);
        expect(
          await page
            .getByRole("alert")
            .getByRole("link", { name: /Enter an email address/ })
            .getAttribute("href"),
        ).toBe("#field-email");
        expect(await findUserByEmail(server.deps.db, "not-an-email")).toBeNull();
      } finally {
        await context.close();
      }
    });

    it(`${mode}: the first Tab on the home page focuses the skip link, which leads to the main content`, async () => {
      const { context, page } = await openPage(browser, server.baseUrl, { javaScriptEnabled });
      try {
        await visit(page, "/");
        await page.keyboard.press("Tab");
        const focused = page.locator(":focus");
        expect(await focused.textContent()).toBe("Skip to main content");
        expect(await focused.getAttribute("href")).toBe("#main");
        // Hidden until focused: a keyboard user must be able to see it.
        expect(await focused.isVisible()).toBe(true);
        const box = await focused.boundingBox();
        expect(box && box.y >= 0 && box.x >= 0).toBe(true);
        await page.keyboard.press("Enter");
        expect(new URL(page.url()).hash).toBe("#main");
        expect(await page.locator("main:focus").count()).toBe(1);
      } finally {
        await context.close();
      }
    });
  }
});
