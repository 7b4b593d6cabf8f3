/**
 * In Chromium, through the sandbox's admin frame and its App Bridge stand-in (Japanese): Home's
 * warning when the backlog will miss the warehouse's next import, and the Privacy page's
 * download of a customer data request. The pace is 1 call a minute so that the backlog misses
 * any cut-off whatever the real clock says (tests/e2e/cutoff-forecast.e2e.test.ts says why).
 */
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { translate } from "../../app/i18n";
import { launchBrowser, openPage, SHOTS, waitForApp, type WatchedPage } from "../helpers/browser";
import { startPagesWorld, type PagesWorld } from "../helpers/pages-world";

const SHOP = "browser-cutoff.myshopify.com";
const t = (key: string, params?: Record<string, string | number>) => translate("ja", key, params);

let world: PagesWorld;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  world = await startPagesWorld([SHOP], { OPENLOGI_CALLS_PER_MINUTE: "1" });
  await world.seedShop(SHOP);
  const now = new Date();
  await world.app.db.prisma.syncJob.createMany({
    data: Array.from({ length: 5_000 }, (_, i) => ({ shop: SHOP, orderId: String(i + 1), task: "updated", jobKey: `b:${i}`, triggeredAt: now })),
  });
  const request = { shop_id: 1, shop_domain: SHOP, customer: { id: 9 }, orders_requested: [1], data_request: { id: 4321 } };
  expect((await world.app.sendWebhook("/webhooks/compliance", { topic: "customers/data_request", shop: SHOP, payload: request })).status).toBe(200);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

beforeEach(async () => {
  watched = await openPage(browser, "ja");
});
afterEach(async () => {
  await watched.context.close();
  expect(watched.unexpected()).toEqual([]);
});

it("warns on Home that the backlog will miss the next cut-off, and says what to do", async () => {
  const frame = await world.frame(SHOP);
  await watched.page.goto(frame.pageUrl("/app", "ja"));
  const app = await waitForApp(watched.page, t("home.cutoff.title"));

  await app.getByText("締め時刻に間に合いません").waitFor();
  await app.getByText("オープンロジの管理画面で出荷依頼を直接キャンセル・修正してください", { exact: false }).waitFor();
  await watched.page.waitForTimeout(300); // let the fonts settle
  await watched.page.screenshot({ path: `${SHOTS}/home-cutoff.png` });
});

it("downloads a customer data request's export from the Privacy page", async () => {
  const frame = await world.frame(SHOP);
  await watched.page.goto(frame.pageUrl("/app/privacy", "ja"));
  const app = await waitForApp(watched.page, t("privacy.intro").slice(0, 20));

  const [download] = await Promise.all([watched.page.waitForEvent("download"), app.getByRole("button", { name: t("privacy.download") }).click()]);

  expect(download.suggestedFilename()).toBe("data-request-4321.json");
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as { dataRequestId: string; orderIds: string[] };
  expect(exported).toMatchObject({ dataRequestId: "4321", orderIds: ["1"] });
});
