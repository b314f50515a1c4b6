// Shared browser helpers: find Chromium (or explain loudly why the browser tests do not run), open contexts
// with JavaScript on or off, watch for requests to other hosts, and run axe-core.
import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Response as PageResponse,
} from "playwright-core";
import { describe, expect, it } from "vitest";

/** The WCAG 2.2 AA rule set DESIGN.md promises ("axe-core finds nothing on any page"). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// A quiet, offline, sandbox-free headless Chromium (containers have no user namespaces for the sandbox).
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function chromiumPath(): string | null {
  const path = process.env.CHROMIUM_PATH;
  return path && existsSync(path) ? path : null;
}

/**
 * describe() for browser suites. Without Chromium the suite is skipped with one loud line, except when
 * E2E_REQUIRED=1 (CI): a browser suite that silently skips there would let accessibility regressions through.
 */
export function describeBrowser(name: string, suite: () => void) {
  if (chromiumPath()) {
    describe(name, suite);
    return;
  }
  const why = `Chromium is missing: CHROMIUM_PATH=${process.env.CHROMIUM_PATH ?? "(unset)"} does not name an existing file`;
  if (process.env.E2E_REQUIRED === "1") {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(`${why}. E2E_REQUIRED=1, so the browser tests must run: install chromium or set CHROMIUM_PATH.`);
      });
    });
    return;
  }
  console.warn(`!!!!! SKIPPING browser tests "${name}": ${why} (set CHROMIUM_PATH=/usr/bin/chromium to run them) !!!!!`);
  describe.skip(name, suite);
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("launchBrowser called without Chromium; use describeBrowser");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface PageOptions {
  javaScriptEnabled: boolean;
  colorScheme?: "light" | "dark";
}

export interface WatchedContext {
  context: BrowserContext;
  page: Page;
  /** Every request that went anywhere but the test server (DESIGN.md: no third parties, ever). */
  foreignRequests: string[];
}

/** How each context was opened, so axe can look at a page the way its visitor sees it. */
const contextOptions = new WeakMap<BrowserContext, Required<PageOptions>>();

/** A fresh context (own cookies) with one page, and a record of requests that left the test server. */
export async function openPage(browser: Browser, baseUrl: string, options: PageOptions): Promise<WatchedContext> {
  const full = { colorScheme: "light" as const, ...options };
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: full.javaScriptEnabled,
    colorScheme: full.colorScheme,
    acceptDownloads: true,
  });
  contextOptions.set(context, full);
  const foreignRequests: string[] = [];
  const origin = new URL(baseUrl).origin;
  // On the context rather than one page, so pop-ups and downloads are watched too.
  context.on("request", (request) => {
    const url = new URL(request.url());
    // data: and blob: URLs never leave the browser.
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (url.origin !== origin) foreignRequests.push(`${request.method()} ${request.url()}`);
  });
  const page = await context.newPage();
  return { context, page, foreignRequests };
}

/** The response that produced the page now shown: the last one of a redirect chain. */
const landing = (page: Page) => (r: PageResponse) =>
  r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400);

/**
 * Clicks a submit button and waits until the page it leads to has loaded; returns that page's response, so
 * tests can check the status (a 422 that re-renders the form, a 303 that landed on a 200).
 */
export async function submit(page: Page, button: Locator): Promise<PageResponse> {
  const response = page.waitForResponse(landing(page));
  // Registered before the click, so this is the next document's load, not the current one's.
  const loaded = page.waitForEvent("load");
  await button.click();
  await loaded;
  return response;
}

/** Navigates and returns the final response (after redirects). */
export async function visit(page: Page, path: string): Promise<PageResponse> {
  const response = await page.goto(path);
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
  summaries: string[];
}

/**
 * axe-core needs timers, and Chromium runs no timers in a context with JavaScript disabled, so axe cannot run
 * there (it hangs; turning scripts back on through another CDP session does not help). Instead the no-JS DOM
 * (parsed and rendered without scripts) is copied into a script-enabled page at the same URL, with every page
 * script removed and blocked, so axe sees exactly what a visitor without JavaScript gets, styles included.
 */
async function analyzeNoScriptSnapshot(page: Page, colorScheme: "light" | "dark") {
  const html = await page.evaluate(() => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of root.querySelectorAll("script")) script.remove();
    // Parsed with scripting off, <noscript> holds real elements; with scripting on they would become text.
    for (const noscript of root.querySelectorAll("noscript")) noscript.replaceWith(...noscript.childNodes);
    return `<!doctype html>${root.outerHTML}`;
  });
  const target = new URL(page.url());
  target.hash = ""; // requests never carry the fragment
  const url = target.href;
  const browser = page.context().browser();
  if (!browser) throw new Error("page has no browser");
  // A throw-away context: scripts on (for axe only), the same colour scheme, and no cookies to disturb.
  const viewer = await browser.newContext({ colorScheme, javaScriptEnabled: true });
  try {
    const copy = await viewer.newPage();
    await copy.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.route("**/*", (route) => (route.request().resourceType() === "script" ? route.abort() : route.fallback()));
    await copy.goto(url);
    return await new AxeBuilder({ page: copy }).withTags(AXE_TAGS).analyze();
  } finally {
    await viewer.close();
  }
}

/** Runs axe-core on the page as it is now and returns what it found, flattened for reporting. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const options = contextOptions.get(page.context());
  const results =
    options && !options.javaScriptEnabled
      ? await analyzeNoScriptSnapshot(page, options.colorScheme)
      : await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    summaries: v.nodes.map((n) => n.failureSummary ?? ""),
  }));
}

export function describeFindings(label: string, findings: AxeFinding[]): string {
  return findings
    .map((f) => {
      const nodes = f.targets.map((t, i) => `    - ${t}\n      ${(f.summaries[i] ?? "").replace(/\n/g, "\n      ")}`);
      return `[${label}] ${f.rule} (${f.impact}): ${f.help}\n  ${f.helpUrl}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

/** Fails with each violation's rule, help and offending nodes, so the report says what to fix and where. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const findings = await axeFindings(page);
  if (findings.length) console.error(`axe violations\n${describeFindings(label, findings)}`);
  expect(
    findings.map((f) => `${f.rule} at ${f.targets.join(" | ")}`),
    `axe violations on ${label}`,
  ).toEqual([]);
}
