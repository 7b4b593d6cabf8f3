/**
 * The admin pages in a real browser (Debian's Chromium through playwright-core), framed by
 * the sandbox's admin with its App Bridge stand-in, in Japanese and English: every page
 * renders with no console error, settings saves and refuses bad input, the billable
 * confirmation appears, the history filters and paginates, Retry queues one job.
 * Screenshots of each page go to tests/.tmp/screenshots, the English ones suffixed -en
 * (UPDATE_SCREENSHOTS=1 copies the Japanese ones to docs/screenshots, which the README shows).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { Browser, Frame, Page } from "playwright-core";
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisJa from "@shopify/polaris/locales/ja.json";
import { translate, type Locale } from "../../app/i18n";
import { launchBrowser, openPage, SHOTS, waitForApp, type WatchedPage } from "../helpers/browser";
import { seedHistory } from "../helpers/history-fixtures";
import { startPagesWorld, type PagesWorld } from "../helpers/pages-world";

const SHOPS: Record<Locale, string> = { ja: "browser-ja.myshopify.com", en: "browser-en.myshopify.com" };
const POLARIS = { ja: polarisJa, en: polarisEn };

let world: PagesWorld;
let browser: Browser;

beforeAll(async () => {
  world = await startPagesWorld(Object.values(SHOPS));
  for (const shop of Object.values(SHOPS)) {
    await world.seedShop(shop);
    await seedHistory(world.app.db.prisma, shop, 140, new Date());
  }
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe.each(["ja", "en"] as const)("in %s", (locale) => {
  const shop = SHOPS[locale];
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const prisma = () => world.app.db.prisma;
  let watched: WatchedPage;

  beforeEach(async () => {
    watched = await openPage(browser, locale);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === "fail") {
      await watched.page.screenshot({ path: `tests/.tmp/failure-${locale}-${context.task.name.slice(0, 40).replace(/\W+/g, "-")}.png` });
    }
    await watched.context.close();
    expect(watched.unexpected()).toEqual([]);
  });

  async function open(path: string, text: string): Promise<{ page: Page; app: Frame }> {
    const frame = await world.frame(shop);
    await watched.page.goto(frame.pageUrl(path, locale));
    return { page: watched.page, app: await waitForApp(watched.page, text) };
  }

  /** The admin's title bar, drawn by the frame from the page's <ui-title-bar>. */
  const titleBar = (page: Page) => page.locator("#titlebar h1");

  it("renders Home, Settings, History and a record's page with no console error", async () => {
    const failed = await prisma().syncHistory.findFirstOrThrow({ where: { shop, outcome: "openlogi_rejected" } });
    // Home as a merchant sees it after a reinstall kept the settings (its banner on top).
    await prisma().shopSettings.update({ where: { shop }, data: { reinstalledAt: new Date() } });
    const pages = [
      { name: "home", path: "/app", text: t("home.connection.title"), title: t("home.title") },
      { name: "settings", path: "/app/settings", text: t("settings.connection.token"), title: t("settings.title") },
      { name: "history", path: "/app/history", text: t("history.column.outcome"), title: t("history.title") },
      { name: "record", path: `/app/history/${failed.id}`, text: t("record.whatNext"), title: t("record.title", { order: failed.orderName! }) },
    ];
    for (const { name, path, text, title } of pages) {
      const { page, app } = await open(path, text);
      if (name === "home") await app.getByText(t("home.reinstalled.title")).waitFor();
      await expect.poll(() => titleBar(page).textContent()).toBe(title);
      // The nav menu the app declares, drawn by the admin.
      await expect.poll(() => page.locator("#nav a.sub").allTextContents()).toEqual([t("nav.settings"), t("nav.history"), t("nav.privacy")]);
      await page.waitForTimeout(300); // let the fonts settle
      // Both languages to look at; the Japanese ones are the README's.
      await page.screenshot({ path: `${SHOTS}/${name}${locale === "ja" ? "" : `-${locale}`}.png` });
      if (locale === "ja" && process.env.UPDATE_SCREENSHOTS === "1") {
        mkdirSync("docs/screenshots", { recursive: true });
        copyFileSync(`${SHOTS}/${name}.png`, `docs/screenshots/${name}.png`);
      }
    }
  });

  it("saves settings, and refuses bad input with a field error and an unchanged database", async () => {
    const { page, app } = await open("/app/settings", t("settings.connection.token"));
    const before = await prisma().shopSettings.findUniqueOrThrow({ where: { shop } });
    // The action answers bad input with 400, which Chromium logs.
    watched.allow(/(HTTP 400: |status of 400 \(Bad Request\) \().*\/app\/settings\?.*_data=routes%2Fapp\.settings/);

    await app.getByLabel(t("settings.connection.accountCode")).fill("TS-001");
    await expect.poll(() => page.locator("#savebar.open").count()).toBe(1);
    await page.locator("#savebar button.save").click();

    await app.getByText(t("settings.error.openlogiAccountCode")).waitFor();
    await page.locator(".toast.error", { hasText: t("settings.notSaved") }).waitFor();
    expect(await prisma().shopSettings.findUniqueOrThrow({ where: { shop } })).toEqual(before);

    await app.getByLabel(t("settings.connection.accountCode")).fill("TS001");
    await app.getByLabel(t("settings.field.shipmentKey.label")).selectOption("number");
    await page.locator("#savebar button.save").click();

    await page.locator(".toast", { hasText: t("settings.saved") }).waitFor();
    await expect.poll(async () => (await prisma().shopSettings.findUniqueOrThrow({ where: { shop } })).shipmentKey).toBe("number");
    await expect.poll(() => page.locator("#savebar.open").count()).toBe(0);

    // Discard puts the form back as saved.
    await app.getByLabel(t("settings.field.paused.label")).check();
    await page.locator("#savebar button.discard").click();
    await expect.poll(() => app.getByLabel(t("settings.field.paused.label")).isChecked()).toBe(false);
    expect((await prisma().shopSettings.findUniqueOrThrow({ where: { shop } })).paused).toBe(false);
  });

  it("keeps what was entered after Test connection and after a refused save", async () => {
    const { page, app } = await open("/app/settings", t("settings.connection.token"));
    watched.allow(/(HTTP 400: |status of 400 \(Bad Request\) \().*\/app\/settings\?.*_data=routes%2Fapp\.settings/);
    const accountCode = app.getByLabel(t("settings.connection.accountCode"));
    const shipmentKey = app.getByLabel(t("settings.field.shipmentKey.label"));
    const before = await prisma().shopSettings.findUniqueOrThrow({ where: { shop } });

    await accountCode.fill("ZZ999");
    await shipmentKey.selectOption("id");
    await app.getByRole("button", { name: t("settings.connection.test") }).click();
    await app.getByText(t("settings.connection.result.wrong_account")).waitFor();
    await page.waitForTimeout(300); // a reload after the answer would land now
    expect(await accountCode.inputValue()).toBe("ZZ999");
    expect(await shipmentKey.inputValue()).toBe("id");

    await app.getByLabel(t("settings.connection.token")).fill("has spaces in it 0123456789");
    await page.locator("#savebar button.save").click();
    await app.getByText(t("settings.error.openlogiToken")).waitFor();
    await page.waitForTimeout(300);
    expect(await accountCode.inputValue()).toBe("ZZ999");
    expect(await shipmentKey.inputValue()).toBe("id");
    expect(await app.getByLabel(t("settings.connection.token")).inputValue()).toBe("has spaces in it 0123456789");
    expect(await prisma().shopSettings.findUniqueOrThrow({ where: { shop } })).toEqual(before);

    await page.locator("#savebar button.discard").click();
    await expect.poll(() => accountCode.inputValue()).toBe(before.openlogiAccountCode);
  });

  it("asks to confirm the fee before it saves a billable setting switched on", async () => {
    const { page, app } = await open("/app/settings", t("settings.connection.token"));
    const row = () => prisma().shopSettings.findUniqueOrThrow({ where: { shop } });
    const before = await row();

    await app.getByLabel(t("settings.field.cancelAfterConfirmation.label")).check();
    await app.getByLabel(t("settings.field.modifyAfterConfirmation.label")).check();
    await page.locator("#savebar button.save").click();

    // The modal names the fee and both settings being switched on.
    const dialog = app.getByRole("dialog", { name: t("settings.billable.title") });
    await dialog.getByText(t("settings.billable.text")).waitFor();
    await dialog.getByText(t("settings.field.cancelAfterConfirmation.label")).waitFor();
    await dialog.getByText(t("settings.field.modifyAfterConfirmation.label")).waitFor();

    // Cancel saves nothing at all, and the changes stay unsaved in the form.
    await dialog.getByRole("button", { name: t("common.cancel") }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await row()).toEqual(before);
    expect(await page.locator("#savebar.open").count()).toBe(1);
    expect(await app.getByLabel(t("settings.field.cancelAfterConfirmation.label")).isChecked()).toBe(true);

    // Confirm saves both.
    await page.locator("#savebar button.save").click();
    await dialog.getByRole("button", { name: t("settings.billable.confirm") }).click();
    await page.locator(".toast", { hasText: t("settings.saved") }).waitFor();
    await expect.poll(async () => {
      const { cancelAfterConfirmation, modifyAfterConfirmation } = await row();
      return [cancelAfterConfirmation, modifyAfterConfirmation];
    }).toEqual([true, true]);

    // Switching them off asks nothing.
    await app.getByLabel(t("settings.field.cancelAfterConfirmation.label")).uncheck();
    await app.getByLabel(t("settings.field.modifyAfterConfirmation.label")).uncheck();
    await page.locator("#savebar button.save").click();
    await expect.poll(async () => (await row()).cancelAfterConfirmation || (await row()).modifyAfterConfirmation).toBe(false);
    expect(await app.getByRole("dialog").count()).toBe(0);
  });

  it("filters and paginates the history, with the view in the URL", async () => {
    const { page, app } = await open("/app/history", t("history.column.outcome"));
    const orders = () => app.locator("tbody tr td:first-child").allTextContents();
    const cancellations = await prisma().syncHistory.findMany({ where: { shop, list: "cancel" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

    await expect.poll(orders).toEqual(cancellations.slice(0, 50).map((row) => row.orderName));
    await app.locator("#nextURL").click();
    await expect.poll(orders).toEqual(cancellations.slice(50, 100).map((row) => row.orderName));
    expect(page.url()).toMatch(/[?&]after=/);
    await page.goBack();
    await expect.poll(orders).toEqual(cancellations.slice(0, 50).map((row) => row.orderName));

    // The other tab starts again at its newest record.
    await app.getByRole("tab", { name: t("history.tab.modify") }).click();
    await expect.poll(() => page.url()).toContain("tab=modify");
    const changes = await prisma().syncHistory.findMany({ where: { shop, list: "modify" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    await expect.poll(orders).toEqual(changes.slice(0, 50).map((row) => row.orderName));
    expect(page.url()).not.toMatch(/[?&]after=/);

    // The outcome filter: open the filters, then its pill.
    await app.getByRole("button", { name: POLARIS[locale].Polaris.IndexFilters.searchFilterAccessibilityLabel }).click();
    await app.getByRole("button", { name: t("history.filter.group") }).click();
    // Polaris draws its own radio over the native one, which stays the one to click.
    await app.getByLabel(t("outcomeGroup.failed")).click({ force: true });
    const failed = changes.filter((row) => ["openlogi_rejected", "failed", "missing_sku"].includes(row.outcome));
    await expect.poll(orders).toEqual(failed.slice(0, 50).map((row) => row.orderName));
    expect(page.url()).toContain("group=failed");

    // The search by order name.
    await app.getByRole("textbox", { name: t("history.search") }).fill(failed[1].orderName!.slice(1));
    await expect.poll(orders).toEqual([failed[1].orderName]);
    expect(page.url()).toContain(`q=${failed[1].orderName!.slice(1)}`);
  });

  it("leaves a search with one step back, not one per pause in typing", async () => {
    const { page, app } = await open("/app/history", t("history.column.outcome"));
    await app.getByRole("button", { name: POLARIS[locale].Polaris.IndexFilters.searchFilterAccessibilityLabel }).click();
    const box = app.getByRole("textbox", { name: t("history.search") });

    for (const typed of ["1", "10", "100"]) {
      await box.fill(typed);
      await expect.poll(() => new URL(page.frames().find((f) => f.url().includes("/app/history"))!.url()).searchParams.get("q")).toBe(typed);
    }
    await page.goBack();

    await expect.poll(() => new URL(page.frames().find((f) => f.url().includes("/app/history"))!.url()).searchParams.get("q")).toBeNull();
  });

  it("queues one job when Retry is clicked twice", async () => {
    const failed = await prisma().syncHistory.findFirstOrThrow({ where: { shop, outcome: "failed" } });
    const { page, app } = await open(`/app/history/${failed.id}`, t("record.whatNext"));

    await app.getByRole("button", { name: t("record.retry") }).dblclick();

    await page.locator(".toast", { hasText: t("record.retryQueued") }).waitFor();
    expect(await prisma().syncJob.findMany({ where: { retryOfId: failed.id } })).toEqual([
      expect.objectContaining({ shop, kind: "manual_retry", task: "edited", orderId: failed.orderId }),
    ]);
    await app.getByText(t("record.retryWaiting")).waitFor();
  });
});
