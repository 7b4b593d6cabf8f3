/**
 * The reconciliation's read against the Admin API double, which executes it on the real
 * 2026-07 schema: `orders(sortKey: UPDATED_AT, query: "updated_at:>'…'")`, paged by cursor,
 * and a cycle that keeps within the shop's bucket instead of being throttled.
 */
import { createAdminGraphqlClient, type AdminGraphqlClient } from "../../../app/shopify/admin-client.server";
import { ShopifyRequestError } from "../../../app/shopify/errors";
import { fetchUpdatedOrdersPage, RECONCILE_ORDERS } from "../../../app/shopify/updated-orders.server";
import { reconcileShop } from "../../../app/reconcile/reconcile-shop.server";
import { logger } from "../../../app/logger.server";
import { startAdminApiDouble, type AdminApiDouble } from "../../doubles/admin-api-double";
import { createFixedClock } from "../../doubles/fixed-clock";
import { adminOrderFixture, orderNumbered } from "../../doubles/scenario";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

const SHOP = "recon-contract.myshopify.com";
const TOKEN = "shpat_recon_contract";
const START = new Date("2026-11-20T00:00:00Z");
const clock = createFixedClock(START);
let api: AdminApiDouble;
let client: AdminGraphqlClient;
let db: TestDatabase;

beforeAll(async () => {
  api = await startAdminApiDouble({ accessTokens: { [SHOP]: TOKEN }, clock: clock.nowMs });
  client = createAdminGraphqlClient({ shop: SHOP, accessToken: TOKEN, origin: api.url });
  db = await createTestDatabase();
});
afterAll(async () => {
  await api.close();
  await db.drop();
});
beforeEach(() => {
  api.reset();
  clock.set(START);
});

/** `count` orders, the n-th changed n seconds after START (ids in the opposite order, so sorting shows). */
function seedChanged(count: number) {
  for (let n = 1; n <= count; n++) {
    const order = orderNumbered(90_000 - n, { updatedAt: new Date(START.getTime() + n * 1000).toISOString() });
    api.setOrder(SHOP, { ...adminOrderFixture(order), createdAt: "2026-11-01T00:00:00Z" });
  }
}

describe("the orders-updated-since query", () => {
  it("pages through the orders changed after a moment, oldest change first, 252 points a page", async () => {
    seedChanged(260);
    const since = new Date(START.getTime() + 5_000);

    const first = await fetchUpdatedOrdersPage(client, since, null);
    const second = await fetchUpdatedOrdersPage(client, since, first.nextCursor);

    const changes = [...first.orders, ...second.orders].map((order) => order.updatedAt.getTime() - START.getTime());
    expect(changes).toEqual(Array.from({ length: 255 }, (_, i) => (i + 6) * 1000));
    expect([first.orders.length, second.nextCursor]).toEqual([250, null]);
    expect(first.cost?.requestedQueryCost).toBe(252);
    // Shopify charges what came back: a last page of 5 costs 2 + 5.
    expect([second.cost?.requestedQueryCost, second.cost?.actualQueryCost]).toEqual([252, 7]);
  });

  it("is refused by the double when it asks for a search term the double does not honour", async () => {
    const misuse = RECONCILE_ORDERS;
    await expect(client.request(misuse, { first: 10, after: null, query: "status:open" })).rejects.toBeInstanceOf(ShopifyRequestError);
  });
});

describe("a reconciliation cycle within the Admin API budget", () => {
  it("reads 3,000 changes in 12 pages without being throttled, waiting for the bucket to refill", async () => {
    // GIVEN a shop installed at START with 3,000 changes since
    await db.prisma.shopSettings.create({ data: { shop: SHOP, installedAt: START } });
    seedChanged(3000);
    clock.set(new Date(START.getTime() + 3_600_000));
    const began = clock.nowMs();

    // WHEN one cycle runs
    const summary = await reconcileShop(
      { prisma: db.prisma, clock: clock.now, sleep: clock.sleep, logger, adminClientFor: async () => client },
      SHOP,
    );

    // THEN every page was answered (none throttled), and the cycle waited for the refill
    expect(summary).toMatchObject({ pages: 12, seen: 3000, complete: true, points: 12 * 252 });
    expect(api.requests.map((request) => request.status)).toEqual(Array(12).fill(200));
    expect(api.requests.some((request) => JSON.stringify(request).includes("THROTTLED"))).toBe(false);
    expect(clock.nowMs() - began).toBeGreaterThan(0);
    // AND the checkpoint is the last change read
    expect((await db.prisma.reconcileCheckpoint.findUniqueOrThrow({ where: { shop: SHOP } })).updatedSince).toEqual(new Date(START.getTime() + 3_000_000));
  });
});
