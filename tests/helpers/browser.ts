/**
 * Debian's Chromium through playwright-core (`.ci/system-packages` installs it), with a
 * desktop user agent, collecting every console error and failed request of the page and
 * its frames, and reading LCP and CLS as the browser reports them.
 */
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import { BROWSER_USER_AGENT } from "./pages-world";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Where the browser tests put the screenshots to look at. */
export const SHOTS = "tests/.tmp/screenshots";

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  // --no-sandbox: CI and these machines run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and failed requests, in the page and its frames. */
  problems: string[];
  /** Problems a test expects (an action's 400 for bad input), left out of `unexpected()`. */
  allow(pattern: RegExp): void;
  unexpected(): string[];
}

export async function openPage(browser: Browser, locale: string): Promise<WatchedPage> {
  const context = await browser.newContext({
    userAgent: BROWSER_USER_AGENT,
    locale: locale === "ja" ? "ja-JP" : "en-US",
    viewport: { width: 1280, height: 860 },
  });
  await context.addInitScript(VITALS_SCRIPT);
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  page.on("requestfailed", (request) => {
    // Leaving a page cancels what it still had in flight (Remix's route discovery, a token).
    const error = request.failure()?.errorText ?? "";
    if (error !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} ${error}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    page,
    context,
    problems,
    allow: (pattern) => allowed.push(pattern),
    unexpected: () => problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem))),
  };
}

/** Waits until the app's frame exists and shows `text`. */
export async function waitForApp(page: Page, text: string): Promise<Frame> {
  await page.waitForFunction(() => document.querySelector("iframe#app")?.getAttribute("src"), null, { timeout: 15_000 });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && new URL(f.url()).pathname.startsWith("/app"));
    if (frame) {
      try {
        const shown = frame.getByText(text, { exact: false }).locator("visible=true").first();
        await shown.waitFor({ timeout: Math.max(1, deadline - Date.now()) });
        // Server-rendered text shows before React hydrates it; typing before then is lost.
        await expectEventually(() => shown.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber"))), deadline);
        return frame;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    } else if (Date.now() > deadline) {
      throw new Error(`the app's frame did not load; frames: ${page.frames().map((f) => f.url()).join(", ")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectEventually(check: () => Promise<boolean>, deadline: number): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the app's page did not hydrate in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Records LCP and CLS in every document, as the web-vitals library reads them. */
const VITALS_SCRIPT = `
  window.__vitals = { lcp: 0, cls: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__vitals.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__vitals.cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
`;

export async function readVitals(frame: Frame): Promise<{ lcp: number; cls: number }> {
  return frame.evaluate(() => (window as unknown as { __vitals: { lcp: number; cls: number } }).__vitals);
}
