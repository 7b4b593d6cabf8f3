/**
 * customers/data_request as the merchant sees it, through the real Remix build: Shopify's signed
 * request is listed on the Privacy page, and its export downloads with App Bridge's session
 * token — for the shop it belongs to only.
 */
import { BROWSER_USER_AGENT, startPagesWorld, type PagesWorld } from "../helpers/pages-world";

const SHOP = "requests-a.myshopify.com";
const OTHER = "requests-b.myshopify.com";
const PAGE = "routes/app.privacy";
const EMAIL = "kenta.ito@example.jp";

let world: PagesWorld;

beforeAll(async () => {
  world = await startPagesWorld([SHOP, OTHER]);
  await world.seedShop(SHOP);
  await world.seedShop(OTHER);
  const order = { id: 8101, admin_graphql_api_id: "gid://shopify/Order/8101", name: "#8101", email: EMAIL, updated_at: "2026-11-20T10:00:00+09:00" };
  expect((await world.app.sendWebhook("/webhooks/orders/updated", { topic: "orders/updated", shop: SHOP, payload: order })).status).toBe(200);
  const request = { shop_id: 1, shop_domain: SHOP, customer: { id: 55, email: EMAIL }, orders_requested: [8101], data_request: { id: 700 } };
  expect((await world.app.sendWebhook("/webhooks/compliance", { topic: "customers/data_request", shop: SHOP, payload: request })).status).toBe(200);
});

afterAll(async () => {
  await world?.close();
});

const exportOf = async (shop: string, id: number | string) =>
  fetch(new URL(`/app/privacy/${id}/export`, world.app.url), {
    headers: { Authorization: `Bearer ${await world.token(shop)}`, "User-Agent": BROWSER_USER_AGENT },
  });

describe("the Privacy page", () => {
  it("lists the shop's data requests, and none of another shop's", async () => {
    const mine = (await (await world.data(SHOP, "/app/privacy", PAGE)).json()) as { requests: { id: number; customerId: string; orderCount: number }[] };
    const theirs = (await (await world.data(OTHER, "/app/privacy", PAGE)).json()) as { requests: unknown[] };

    expect(mine.requests).toMatchObject([{ customerId: "55", orderCount: 1 }]);
    expect(theirs.requests).toEqual([]);
  });

  it("downloads everything the app holds for the request's orders as JSON", async () => {
    const [{ id }] = (await world.app.db.prisma.customerDataRequest.findMany({ where: { shop: SHOP } }));
    const response = await exportOf(SHOP, id);

    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="data-request-700.json"');
    expect(await response.json()).toMatchObject({ dataRequestId: "700", orderIds: ["8101"], webhooks: [{ topic: "orders/updated", payload: { email: EMAIL } }] });
  });

  it("answers another shop's request, and a malformed id, as missing ones", async () => {
    const [{ id }] = (await world.app.db.prisma.customerDataRequest.findMany({ where: { shop: SHOP } }));

    expect((await exportOf(OTHER, id)).status).toBe(404);
    expect((await exportOf(SHOP, "1e3")).status).toBe(404);
    expect((await exportOf(SHOP, id + 1000)).status).toBe(404);
  });

  it.each([
    ["ja", "データ開示請求", "ダウンロード（JSON）"],
    ["en", "Customer data requests", "Download (JSON)"],
  ])("renders in the admin's language (%s)", async (locale, title, button) => {
    const html = await (await world.document(SHOP, "/app/privacy", locale)).text();
    expect(html).toContain(title);
    expect(html).toContain(button);
  });
});
