/**
 * The admin pages' loaders and actions through the real Remix build over HTTP, with session
 * tokens minted as App Bridge mints them (@shopify/shopify-api/test-helpers' getJwt, signed
 * with the app's secret): documents as the admin loads them (embedded, shop, host, locale,
 * id_token) and data requests as App Bridge's fetch sends them (Authorization: Bearer).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createHmac, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { translate } from "../../app/i18n";
import { loadShopContext, markConnectionBroken } from "../../app/models/settings.server";
import { createRateLimiter } from "../../app/openlogi/rate-limiter.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN } from "../doubles/openlogi-double";
import { routeTokenExchange, startTokenExchangeDouble, type TokenExchangeDouble } from "../doubles/shopify-oauth-double";
import { TEST_SECRET } from "../helpers/app-harness";
import { seedHistory } from "../helpers/history-fixtures";
import { API_KEY, BROWSER_USER_AGENT, LOCATIONS, startPagesWorld, type PagesWorld } from "../helpers/pages-world";

const SHOP_A = "pages-a.myshopify.com";
const SHOP_B = "pages-b.myshopify.com";
const NEW_SHOP = "pages-new.myshopify.com";
const HISTORY = "routes/app.history._index";
const RECORD = "routes/app.history.$id";
const SETTINGS = "routes/app.settings";
const HOME = "routes/app._index";

let world: PagesWorld;
let exchange: TokenExchangeDouble;
let restoreFetch: () => void;
let recordsA: Awaited<ReturnType<typeof seedHistory>>;
let recordsB: Awaited<ReturnType<typeof seedHistory>>;

beforeAll(async () => {
  exchange = await startTokenExchangeDouble({ apiKey: API_KEY, apiSecret: TEST_SECRET });
  // Before the build is imported: the library keeps the fetch it finds then.
  restoreFetch = routeTokenExchange(() => exchange.url);
  world = await startPagesWorld([SHOP_A, SHOP_B, NEW_SHOP]);
  await world.seedShop(SHOP_A);
  await world.seedShop(SHOP_B, { settings: { cancelAfterConfirmation: true, locationId: LOCATIONS[1].id } });
  recordsA = await seedHistory(world.app.db.prisma, SHOP_A, 26, new Date());
  recordsB = await seedHistory(world.app.db.prisma, SHOP_B, 26, new Date());
  // Shop B's orders are named apart from A's, so a leak would show.
  for (const row of recordsB) {
    await world.app.db.prisma.syncHistory.update({ where: { id: row.id }, data: { orderName: `B${row.orderName}` } });
  }
});

// Each test starts with OpenLogi's pace free, however quickly the one before it called.
beforeEach(() => world.freePace());

afterAll(async () => {
  await world?.close();
  await exchange?.close();
  restoreFetch?.();
});

const prisma = () => world.app.db.prisma;
const json = async <T>(response: Response) => (await response.json()) as T;
const form = (fields: Record<string, string>) => {
  const body = new URLSearchParams(fields);
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
};
/** Every setting the form posts, as the page posts them. */
const SETTINGS_FORM = {
  intent: "save",
  environment: "production",
  openlogiAccountCode: DOUBLE_ACCOUNT,
  openlogiToken: "",
  reflectChanges: "true",
  cancelAfterConfirmation: "false",
  modifyAfterConfirmation: "false",
  reflectItemChanges: "true",
  shipmentKey: "name",
  locationId: "all",
  paused: "false",
};
const settingsRow = (shop: string) => prisma().shopSettings.findUniqueOrThrow({ where: { shop } });

describe("the pages as the admin loads them", () => {
  it.each([
    ["ja", "/app", "オープンロジとの接続"],
    ["ja", "/app/settings", "APIトークン"],
    ["ja", "/app/history", "注文キャンセル連携履歴"],
    ["en-US", "/app", "OpenLogi connection"],
    ["en-US", "/app/settings", "API token"],
    ["en-US", "/app/history", "Cancellation sync history"],
  ])("renders the document in the admin's language (%s) for %s", async (locale, page, text) => {
    const response = await world.document(SHOP_A, page, locale);

    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(text);
    expect(html).toContain(`<html lang="${locale.startsWith("ja") ? "ja" : "en"}">`);
  });

  it("sends every Japanese page without a NUL byte inside its words", async () => {
    const record = recordsA.find((row) => row.outcome === "updated")!;
    for (const page of ["/app", "/app/settings", "/app/history", "/app/history?tab=modify", `/app/history/${record.id}`]) {
      const html = await (await world.document(SHOP_A, page, "ja")).text();

      expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
      expect(html.indexOf("\u0000")).toBe(-1);
    }
  });

  it("renders a record's page with its outcome explained in Japanese", async () => {
    const failed = recordsA.find((row) => row.outcome === "openlogi_rejected")!;
    const html = await (await world.document(SHOP_A, `/app/history/${failed.id}`, "ja")).text();

    expect(html).toContain("オープンロジが依頼を受け付けませんでした");
    expect(html).toContain("ステータスが「ピッキング中」の出荷依頼は削除できません。");
  });

  it("labels only OpenLogi's own answer as OpenLogi's message, and says a failed call in words", async () => {
    const refused = recordsA.find((row) => row.outcome === "openlogi_rejected")!;
    const failed = recordsA.find((row) => row.outcome === "failed")!;

    const refusedHtml = await (await world.document(SHOP_A, `/app/history/${refused.id}`, "ja")).text();
    const failedHtml = await (await world.document(SHOP_A, `/app/history/${failed.id}`, "ja")).text();

    expect(refusedHtml).toContain(translate("ja", "record.openlogiError"));
    expect(failedHtml).not.toContain(translate("ja", "record.openlogiError"));
    expect(failedHtml).toContain(translate("ja", "record.openlogiFailure.server_error", { status: 503 }));
    expect(failedHtml).toContain(translate("ja", "record.message"));
  });

  it("shows what the decision named, in words (the SKU-less items of an edit)", async () => {
    const missingSku = recordsA.find((row) => row.outcome === "missing_sku")!;

    const html = await (await world.document(SHOP_A, `/app/history/${missingSku.id}`, "ja")).text();

    expect(html).toContain(translate("ja", "record.detail.missing_sku", { titles: "ギフト包装" }));
  });

  it.each(["ja", "en"] as const)("answers a missing or another shop's record with a page in the admin's language (%s)", async (locale) => {
    for (const id of [recordsB[0].id, 99999999]) {
      const response = await world.document(SHOP_A, `/app/history/${id}`, locale);

      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain(translate(locale, "common.notFound"));
      expect(html).not.toContain(">Not Found<");
      expect(html).not.toContain("B#");
    }
  });

  it("answers a data request that carries App Bridge's session token", async () => {
    const response = await world.data(SHOP_A, "/app/history?tab=modify", HISTORY);

    expect(response.status).toBe(200);
    const body = await json<{ rows: { list?: string; orderName: string }[] }>(response);
    expect(body.rows.length).toBeGreaterThan(0);
  });

  it("refuses a session token signed with another secret, and one that has expired", async () => {
    const forged = await fetch(new URL(`/app/history?_data=${HISTORY}`, world.app.url), {
      headers: { Authorization: `Bearer ${await forge(SHOP_A)}`, "User-Agent": BROWSER_USER_AGENT },
    });
    const expired = await fetch(new URL(`/app/history?_data=${HISTORY}`, world.app.url), {
      headers: {
        Authorization: `Bearer ${await world.token(SHOP_A, { exp: Math.floor(Date.now() / 1000) - 120 })}`,
        "User-Agent": BROWSER_USER_AGENT,
      },
    });

    expect(forged.status).toBe(401);
    expect(expired.status).toBe(401);
  });

  it("answers a browser that says it is headless with 410, as the library answers bots", async () => {
    const response = await fetch(new URL(`/app?_data=${HOME}`, world.app.url), {
      headers: { Authorization: `Bearer ${await world.token(SHOP_A)}`, "User-Agent": "Mozilla/5.0 HeadlessChrome/156.0.0.0" },
    });

    expect(response.status).toBe(410);
  });
});

/** A token shaped like App Bridge's but signed with a secret that is not the app's. */
async function forge(shop: string): Promise<string> {
  const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(
    JSON.stringify({ iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: API_KEY, sub: "1", exp: now + 60, nbf: now - 5, iat: now }),
  ).toString("base64url");
  const signature = createHmac("sha256", "not-the-app-secret").update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

describe("one shop never sees another's data", () => {
  it("lists only the session's shop's records, in both histories", async () => {
    for (const tab of ["cancel", "modify"]) {
      const body = await json<{ rows: { orderName: string }[] }>(await world.data(SHOP_A, `/app/history?tab=${tab}`, HISTORY));
      expect(body.rows.length).toBeGreaterThan(0);
      expect(body.rows.filter((row) => row.orderName.startsWith("B"))).toEqual([]);
    }
    const searched = await json<{ rows: unknown[] }>(await world.data(SHOP_A, "/app/history?q=B%231001", HISTORY));
    expect(searched.rows).toEqual([]);
  });

  it("answers another shop's record by id with 404, as a missing one", async () => {
    const theirs = await world.data(SHOP_A, `/app/history/${recordsB[0].id}`, RECORD);
    const missing = await world.data(SHOP_A, "/app/history/99999999", RECORD);

    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await theirs.text()).not.toContain("B#");
  });

  it("answers Retry on another shop's record with 404 and queues nothing", async () => {
    const failedB = recordsB.find((row) => row.outcome === "openlogi_rejected")!;

    const response = await world.data(SHOP_A, `/app/history/${failedB.id}`, RECORD, form({ intent: "retry" }));

    expect(response.status).toBe(404);
    expect(await prisma().syncJob.count({ where: { kind: "manual_retry" } })).toBe(0);
  });

  it.each([
    ["a record's page", "GET"],
    ["Retry", "POST"],
  ])("answers %s for another shop's record exactly as for a missing one", async (_name, method) => {
    const init = method === "POST" ? form({ intent: "retry" }) : {};
    const theirs = await world.data(SHOP_A, `/app/history/${recordsB[1].id}`, RECORD, init);
    const missing = await world.data(SHOP_A, "/app/history/99999999", RECORD, init);

    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toBe(await missing.text());
  });

  it("tests only the session's shop's saved connection", async () => {
    // B's saved account code is one the token is not for; A's test must not use it.
    await prisma().shopSettings.update({ where: { shop: SHOP_B }, data: { openlogiAccountCode: "ZZ999" } });
    try {
      const response = await world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, intent: "test", openlogiAccountCode: "" }));
      expect(await json(response)).toEqual({ intent: "test", result: { kind: "works" } });
    } finally {
      await prisma().shopSettings.update({ where: { shop: SHOP_B }, data: { openlogiAccountCode: DOUBLE_ACCOUNT } });
    }
  });

  it("shows the session's shop's connection on Home", async () => {
    await markConnectionBroken(prisma(), SHOP_B, "B's refusal", new Date());
    try {
      const home = await json<{ status: { connection: string; connectionError: string | null } }>(await world.data(SHOP_A, "/app", HOME));
      expect(home.status).toMatchObject({ connection: "connected", connectionError: null });
    } finally {
      await prisma().shopSettings.update({ where: { shop: SHOP_B }, data: { connectionError: null, connectionErrorAt: null } });
    }
  });

  it("shows and saves only the session's shop's settings", async () => {
    const before = await settingsRow(SHOP_B);
    const page = await json<{ settings: Record<string, unknown> }>(await world.data(SHOP_A, "/app/settings", SETTINGS));

    expect(page.settings).toMatchObject({ cancelAfterConfirmation: false, locationId: null });

    const saved = await world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, shipmentKey: "number" }));
    expect(saved.status).toBe(200);
    expect(await settingsRow(SHOP_B)).toEqual(before);
    await world.data(SHOP_A, "/app/settings", SETTINGS, form(SETTINGS_FORM));
  });

  it("counts only the session's shop's records and jobs on Home", async () => {
    await prisma().syncJob.create({
      data: { shop: SHOP_B, orderId: "1", task: "cancelled", jobKey: "b-pending", triggeredAt: new Date(), status: "pending" },
    });
    const home = await json<{ queue: { pending: number }; figures: { cancel: { deleted: number } } }>(
      await world.data(SHOP_A, "/app", HOME),
    );
    const deletedA = recordsA.filter((row) => row.outcome === "deleted").length;

    expect(home.queue.pending).toBe(0);
    expect(home.figures.cancel.deleted).toBe(deletedA);
    await prisma().syncJob.delete({ where: { jobKey: "b-pending" } });
  });
});

describe("Home", () => {
  it("counts the jobs that failed in the last 7 days, as the other figures, not every failure ever", async () => {
    const day = 86_400_000;
    const failed = (key: string, shop: string, ago: number) =>
      prisma().syncJob.create({
        data: { shop, orderId: "9", task: "cancelled", jobKey: key, triggeredAt: new Date(), status: "failed", completedAt: new Date(Date.now() - ago) },
      });
    await failed("a-failed-now", SHOP_A, 60_000);
    await failed("a-failed-long-ago", SHOP_A, 30 * day);
    await failed("b-failed-now", SHOP_B, 60_000);

    const home = await json<{ queue: { failed: number } }>(await world.data(SHOP_A, "/app", HOME));

    expect(home.queue.failed).toBe(1);
    await prisma().syncJob.deleteMany({ where: { jobKey: { in: ["a-failed-now", "a-failed-long-ago", "b-failed-now"] } } });
  });
});

describe("settings", () => {
  const save = (fields: Record<string, string>) => world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, ...fields }));

  it("saves a valid form and says so", async () => {
    const response = await save({ shipmentKey: "number", locationId: LOCATIONS[0].id, reflectItemChanges: "false" });

    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ intent: "save", ok: true });
    expect(await settingsRow(SHOP_A)).toMatchObject({ shipmentKey: "number", locationId: LOCATIONS[0].id, reflectItemChanges: false });
    await save({});
  });

  it.each([
    ["an account code that is not OpenLogi's format", { openlogiAccountCode: "TS-001" }, "openlogiAccountCode", "settings.error.openlogiAccountCode"],
    ["a token with spaces", { openlogiToken: "abc def ghi jkl mno pqr" }, "openlogiToken", "settings.error.openlogiToken"],
    ["a shipment key outside the three", { shipmentKey: "sku" }, "shipmentKey", "settings.error.shipmentKey"],
    ["a location that is not a location GID", { locationId: "warehouse" }, "locationId", "settings.error.locationId"],
    ["a location the shop does not have", { locationId: "gid://shopify/Location/999" }, "locationId", "settings.error.locationUnknown"],
    ["a location that is no longer active", { locationId: LOCATIONS[2].id }, "locationId", "settings.error.locationUnknown"],
  ])("refuses %s with a field error and saves nothing", async (_case, fields, field, key) => {
    const before = await settingsRow(SHOP_A);

    const response = await save({ ...fields, paused: "true" });

    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ intent: "save", ok: false, errors: { [field]: key } });
    expect(await settingsRow(SHOP_A)).toEqual(before);
  });

  it("answers several bad fields at once with an error for each, and saves none of the good ones", async () => {
    const before = await settingsRow(SHOP_A);

    const response = await save({ openlogiAccountCode: "TS-001", shipmentKey: "sku", locationId: "warehouse", paused: "true", reflectChanges: "false" });

    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      intent: "save",
      ok: false,
      errors: {
        openlogiAccountCode: "settings.error.openlogiAccountCode",
        shipmentKey: "settings.error.shipmentKey",
        locationId: "settings.error.locationId",
      },
    });
    expect(await settingsRow(SHOP_A)).toEqual(before);
  });

  it("saves a billable setting switched on only with the fee confirmed, and switches it off without asking", async () => {
    const before = await settingsRow(SHOP_A);

    const unconfirmed = await save({ cancelAfterConfirmation: "true", modifyAfterConfirmation: "true" });
    expect(unconfirmed.status).toBe(400);
    expect(await json(unconfirmed)).toMatchObject({
      errors: { cancelAfterConfirmation: "settings.error.billableNotConfirmed", modifyAfterConfirmation: "settings.error.billableNotConfirmed" },
    });
    expect(await settingsRow(SHOP_A)).toEqual(before);

    expect((await save({ cancelAfterConfirmation: "true", confirmBillable: "yes" })).status).toBe(200);
    expect((await settingsRow(SHOP_A)).cancelAfterConfirmation).toBe(true);

    expect((await save({ cancelAfterConfirmation: "false" })).status).toBe(200);
    expect((await settingsRow(SHOP_A)).cancelAfterConfirmation).toBe(false);
  });

  it("never sends the token to the browser, only that one is set and since when", async () => {
    const row = await settingsRow(SHOP_A);
    const text = await (await world.data(SHOP_A, "/app/settings", SETTINGS)).text();
    const html = await (await world.document(SHOP_A, "/app/settings")).text();

    for (const body of [text, html]) {
      expect(body).not.toContain(DOUBLE_TOKEN);
      expect(body).not.toContain(row.openlogiTokenCiphertext!.split(":").at(-1));
    }
    expect(JSON.parse(text).settings).toMatchObject({ tokenSet: true, tokenSavedAt: row.openlogiTokenSavedAt!.toISOString() });
  });

  it("clears a broken connection and wakes the shop's waiting jobs when a new token is saved", async () => {
    await markConnectionBroken(prisma(), SHOP_A, "unauthorized", new Date());
    const later = new Date(Date.now() + 15 * 60_000);
    const job = await prisma().syncJob.create({
      data: { shop: SHOP_A, orderId: "77", task: "cancelled", jobKey: "a-waiting", triggeredAt: new Date(), runAt: later },
    });

    expect((await save({ openlogiToken: DOUBLE_TOKEN })).status).toBe(200);

    const row = await settingsRow(SHOP_A);
    expect(row.connectionError).toBeNull();
    expect((await prisma().syncJob.findUniqueOrThrow({ where: { id: job.id } })).runAt.getTime()).toBeLessThan(later.getTime());
    expect((await loadShopContext(prisma(), createTokenCipher(process.env.TOKEN_ENCRYPTION_KEY!), SHOP_A))?.openlogi?.token).toBe(DOUBLE_TOKEN);
    await prisma().syncJob.delete({ where: { id: job.id } });
  });

  it.each([
    ["works", {}, "works"],
    ["a token OpenLogi refuses", { openlogiToken: "refused-token-0123456789" }, "token_refused"],
    ["an account the token is not for", { openlogiAccountCode: "ZZ999" }, "wrong_account"],
  ])("tests the connection: %s", async (_case, fields, kind) => {
    const response = await world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, intent: "test", ...fields }));

    expect(await json(response)).toEqual({ intent: "test", result: { kind } });
  });

  it("tests the connection: OpenLogi unreachable", async () => {
    world.openlogi.failNext({ status: 503 });

    const response = await world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, intent: "test" }));

    expect(await json(response)).toEqual({ intent: "test", result: { kind: "unreachable" } });
  });
});

describe("Test connection and the account code", () => {
  const test = (fields: Record<string, string>) =>
    world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, intent: "test", ...fields }));

  afterEach(async () => {
    await world.seedShop(SHOP_A);
    await prisma().rateLimitBucket.deleteMany();
  });

  it.each([
    ["no account code", { openlogiAccountCode: null }, "noAccountCode"],
    ["no token", { openlogiTokenCiphertext: null }, "noToken"],
    ["neither", { openlogiAccountCode: null, openlogiTokenCiphertext: null }, "notSetUp"],
  ])("says what is missing when %s is entered or saved, and calls nothing", async (_case, stored, kind) => {
    await prisma().shopSettings.update({ where: { shop: SHOP_A }, data: stored });
    const calls = world.openlogi.requests.length;

    const response = await test({ openlogiAccountCode: "", openlogiToken: "" });

    expect(await json(response)).toEqual({ intent: "test", result: { kind } });
    expect(world.openlogi.requests.length).toBe(calls);
  });

  it("waits for no one: while the sync holds OpenLogi's pace it says so and sends nothing", async () => {
    // A worker's 429 (or a queue of calls) pushed the token's next free slot into the future.
    await createRateLimiter({ prisma: prisma() }).backOff(DOUBLE_TOKEN, 60_000);
    const held = await prisma().rateLimitBucket.findFirstOrThrow();
    const calls = world.openlogi.requests.length;

    const response = await test({});

    expect(await json(response)).toEqual({ intent: "test", result: { kind: "busy" } });
    expect(world.openlogi.requests.length).toBe(calls);
    // Nothing reserved ahead: the sync's next slot is where it was.
    expect(await prisma().rateLimitBucket.findFirstOrThrow()).toEqual(held);
  });

  it("refuses to clear a saved account code with a field error and saves nothing", async () => {
    const before = await settingsRow(SHOP_A);

    const response = await world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, openlogiAccountCode: "", paused: "true" }));

    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ intent: "save", ok: false, errors: { openlogiAccountCode: "settings.error.accountCodeRequired" } });
    expect(await settingsRow(SHOP_A)).toEqual(before);
  });

  it("saves the other settings of a shop that has no account code yet", async () => {
    await prisma().shopSettings.update({ where: { shop: SHOP_A }, data: { openlogiAccountCode: null } });

    const response = await world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, openlogiAccountCode: "", locationId: LOCATIONS[0].id }));

    expect(response.status).toBe(200);
    expect(await settingsRow(SHOP_A)).toMatchObject({ openlogiAccountCode: null, locationId: LOCATIONS[0].id });
  });
});

describe("Retry", () => {
  it("queues one fresh sync of the order however often it is asked, linked to the record", async () => {
    const failed = recordsA.find((row) => row.outcome === "openlogi_rejected")!;

    const [first, second] = await Promise.all([
      world.data(SHOP_A, `/app/history/${failed.id}`, RECORD, form({ intent: "retry" })),
      world.data(SHOP_A, `/app/history/${failed.id}`, RECORD, form({ intent: "retry" })),
    ]);

    expect([first.status, second.status]).toEqual([200, 200]);
    const jobs = await prisma().syncJob.findMany({ where: { retryOfId: failed.id } });
    expect(jobs).toEqual([expect.objectContaining({ shop: SHOP_A, orderId: failed.orderId, kind: "manual_retry", task: "cancelled", status: "pending" })]);
    expect(await json(first)).toEqual({ ok: true, jobId: jobs[0].id });
  });

  it("queues a change record's retry as an edit", async () => {
    const failed = recordsA.find((row) => row.outcome === "failed" && row.list === "modify")!;

    await world.data(SHOP_A, `/app/history/${failed.id}`, RECORD, form({ intent: "retry" }));

    expect(await prisma().syncJob.findFirst({ where: { retryOfId: failed.id } })).toMatchObject({ task: "edited" });
  });

  it("offers nothing to retry on a record that went as it should", async () => {
    const deleted = recordsA.find((row) => row.outcome === "deleted")!;

    const response = await world.data(SHOP_A, `/app/history/${deleted.id}`, RECORD, form({ intent: "retry" }));

    expect(response.status).toBe(400);
    expect(await prisma().syncJob.count({ where: { retryOfId: deleted.id } })).toBe(0);
  });
});

describe("installing", () => {
  it("creates the record with SPEC.md's defaults and lands on the onboarding", async () => {
    const response = await world.document(NEW_SHOP, "/app", "ja");

    expect(response.status).toBe(200);
    expect(exchange.granted.map((grant) => grant.shop)).toContain(NEW_SHOP);
    expect(await settingsRow(NEW_SHOP)).toMatchObject({
      reflectChanges: true,
      cancelAfterConfirmation: false,
      modifyAfterConfirmation: false,
      reflectItemChanges: true,
      shipmentKey: "name",
      locationId: null,
      paused: false,
      openlogiTokenCiphertext: null,
      uninstalledAt: null,
      installedAt: expect.any(Date),
    });
    expect(await response.text()).toContain("連携を設定する");
  });

  const uninstall = (shop: string, extra: { webhookId?: string; triggeredAt?: string } = {}) =>
    world.app.sendWebhook("/webhooks/app/uninstalled", {
      topic: "app/uninstalled",
      shop,
      payload: { id: 1, name: "New", myshopify_domain: shop, domain: shop },
      ...extra,
    });

  it("keeps an uninstalled shop's settings and connection when it installs again, and says so on Home", async () => {
    const shop = NEW_SHOP;
    await world.data(shop, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, openlogiAccountCode: DOUBLE_ACCOUNT, openlogiToken: DOUBLE_TOKEN, cancelAfterConfirmation: "true", confirmBillable: "yes", shipmentKey: "number" }));
    await seedHistory(prisma(), shop, 2, new Date());
    const uninstalled = await uninstall(shop);
    expect(uninstalled.status).toBe(200);
    expect((await settingsRow(shop)).uninstalledAt).not.toBeNull();

    const response = await world.document(shop, "/app", "ja");

    expect(response.status).toBe(200);
    expect(await settingsRow(shop)).toMatchObject({
      uninstalledAt: null,
      reinstalledAt: expect.any(Date),
      cancelAfterConfirmation: true,
      shipmentKey: "number",
      openlogiAccountCode: DOUBLE_ACCOUNT,
      openlogiTokenCiphertext: expect.any(String),
    });
    expect(await prisma().syncHistory.count({ where: { shop } })).toBe(2);
    const context = await loadShopContext(prisma(), createTokenCipher(process.env.TOKEN_ENCRYPTION_KEY!), shop);
    expect(context).toMatchObject({ uninstalled: false, openlogi: { token: DOUBLE_TOKEN } });
    const html = await response.text();
    expect(html).toContain(translate("ja", "home.reinstalled.title"));
    expect(html).toContain(translate("ja", "home.reinstalled.billableOn", { settings: translate("ja", "settings.field.cancelAfterConfirmation.label") }));
    expect(html).not.toContain(translate("ja", "home.onboarding.title"));
  });

  it("closes the reinstall notice for the session's shop only, and a save closes it too", async () => {
    const other = SHOP_B;
    await prisma().shopSettings.update({ where: { shop: other }, data: { reinstalledAt: new Date() } });

    const refused = await world.data(NEW_SHOP, "/app", HOME, form({ intent: "something" }));
    expect(refused.status).toBe(400);
    expect((await settingsRow(NEW_SHOP)).reinstalledAt).not.toBeNull();

    const closed = await world.data(NEW_SHOP, "/app", HOME, form({ intent: "dismissReinstalled" }));
    expect(closed.status).toBe(200);
    expect((await settingsRow(NEW_SHOP)).reinstalledAt).toBeNull();
    expect((await settingsRow(other)).reinstalledAt).not.toBeNull();
    expect(await (await world.document(NEW_SHOP, "/app", "en")).text()).not.toContain(translate("en", "home.reinstalled.title"));

    await world.data(other, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, cancelAfterConfirmation: "true", locationId: LOCATIONS[1].id }));
    expect((await settingsRow(other)).reinstalledAt).toBeNull();
  });

  it("leaves a reinstalled shop alone when Shopify redelivers an older app/uninstalled", async () => {
    const shop = NEW_SHOP;
    const webhookId = randomUUID();
    const triggeredAt = new Date().toISOString();
    expect((await uninstall(shop, { webhookId, triggeredAt })).status).toBe(200);
    expect(await prisma().session.count({ where: { shop } })).toBe(0);
    expect((await settingsRow(shop)).uninstalledAt).toEqual(new Date(triggeredAt));

    expect((await world.document(shop, "/app")).status).toBe(200);
    const reinstalled = await settingsRow(shop);
    expect(reinstalled.uninstalledAt).toBeNull();
    expect(await prisma().session.count({ where: { shop } })).toBeGreaterThan(0);

    // Shopify retries the first delivery: same id, same trigger time, after the reinstall.
    expect((await uninstall(shop, { webhookId, triggeredAt })).status).toBe(200);

    expect(await settingsRow(shop)).toMatchObject({ uninstalledAt: null, installedAt: reinstalled.installedAt });
    expect(await prisma().session.count({ where: { shop } })).toBeGreaterThan(0);
  });

  it("leaves an uninstalled shop uninstalled when the uninstall came after its latest install", async () => {
    const shop = NEW_SHOP;
    expect((await uninstall(shop)).status).toBe(200);

    expect((await settingsRow(shop)).uninstalledAt).not.toBeNull();
    expect(await prisma().session.count({ where: { shop } })).toBe(0);
    expect((await world.document(shop, "/app")).status).toBe(200);
  });

  it("leaves an installed shop's settings alone when its token is only exchanged again", async () => {
    await prisma().shopSettings.update({ where: { shop: SHOP_A }, data: { installedAt: new Date(Date.now() - 86_400_000) } });
    await world.data(SHOP_A, "/app/settings", SETTINGS, form({ ...SETTINGS_FORM, paused: "true" }));
    await prisma().session.deleteMany({ where: { shop: SHOP_A } });
    const grants = exchange.granted.length;

    expect((await world.document(SHOP_A, "/app")).status).toBe(200);

    expect(exchange.granted.length).toBeGreaterThan(grants);
    const row = await settingsRow(SHOP_A);
    expect(row).toMatchObject({ paused: true, openlogiAccountCode: DOUBLE_ACCOUNT, reinstalledAt: null });
    // Every token exchange is an install as far as a later, older app/uninstalled goes.
    expect(row.installedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
    await world.data(SHOP_A, "/app/settings", SETTINGS, form(SETTINGS_FORM));
  });
});

describe("the production server", () => {
  const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g;

  it("serves only the routes in app/routes", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const files = readdirSync("app/routes").map((file) => `routes/${file.replace(/\.tsx?$/, "")}`);

    expect(Object.keys(build.routes).filter((id) => id !== "root").sort()).toEqual(files.sort());
  });

  it("has no route that mints a session token", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const fullPath = (id: string): string => {
      const route = build.routes[id];
      const parent = route.parentId ? fullPath(route.parentId) : "";
      return [parent, route.path ?? ""].filter(Boolean).join("/");
    };
    const paths = Object.keys(build.routes).map(
      (id) => `/${fullPath(id).replace(/:\w+/g, "1").replace(/\*/g, "session-token")}`,
    );
    const candidates = [...new Set([...paths, "/", "/app", "/__sandbox/session-token", "/auth/session-token", "/session-token"])];

    const minted: string[] = [];
    for (const candidate of candidates) {
      for (const method of ["GET", "POST"]) {
        const response = await fetch(new URL(candidate, world.app.url), { method, redirect: "manual", headers: { "User-Agent": BROWSER_USER_AGENT } });
        const text = `${[...response.headers.values()].join("\n")}\n${await response.text()}`;
        minted.push(...[...text.matchAll(JWT)].filter(([token]) => signedWith(token, TEST_SECRET)).map(() => `${method} ${candidate}`));
      }
    }

    expect(candidates.length).toBeGreaterThan(5);
    expect(minted).toEqual([]);
    expect((await fetch(new URL("/__sandbox/session-token", world.app.url), { method: "POST" })).status).toBe(404);
  });
});

function signedWith(token: string, secret: string): boolean {
  const [header, payload, signature] = token.split(".");
  return createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url") === signature;
}
