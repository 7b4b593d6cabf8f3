/**
 * Home's cut-off forecast through the real Remix build: the loader counts the session's shop's
 * queue and the page warns when it will miss the warehouse's next import.
 *
 * The loader reads the real clock, so the pace is set to 1 call a minute and the backlog made
 * long enough (10,050 calls, 167.5 hours) to miss any cut-off: the longest wait between two
 * imports until 2036 is 140.5 hours (Golden Week 2026), as warehouse-calendar's data says.
 */
import { startPagesWorld, type PagesWorld } from "../helpers/pages-world";

const LATE = "cutoff-late.myshopify.com";
const IDLE = "cutoff-idle.myshopify.com";
const HOME = "routes/app._index";
const BACKLOG = 5_000;

let world: PagesWorld;

beforeAll(async () => {
  world = await startPagesWorld([LATE, IDLE], { OPENLOGI_CALLS_PER_MINUTE: "1" });
  await world.seedShop(LATE);
  await world.seedShop(IDLE);
  const now = new Date();
  await world.app.db.prisma.syncJob.createMany({
    data: Array.from({ length: BACKLOG }, (_, i) => ({
      shop: LATE,
      orderId: String(1000 + i),
      task: "cancelled",
      jobKey: `${LATE}:cancelled:${1000 + i}`,
      triggeredAt: now,
    })),
  });
});

afterAll(async () => {
  await world?.close();
});

interface HomeData {
  forecast: { calls: number; drainMs: number; missesCutoff: boolean; nextCutoff: string; cutoffMade: string };
  callsPerMinute: number;
}

describe("the cut-off forecast on Home", () => {
  it("forecasts the shop's backlog at the configured pace and flags the missed cut-off", async () => {
    const response = await world.data(LATE, "/app", HOME);
    const home = (await response.json()) as HomeData;

    expect(response.status).toBe(200);
    expect(home.callsPerMinute).toBe(1);
    expect(home.forecast.calls).toBe(50 + BACKLOG * 2);
    expect(home.forecast.drainMs).toBe(home.forecast.calls * 60_000);
    expect(home.forecast.missesCutoff).toBe(true);
    expect(Date.parse(home.forecast.cutoffMade)).toBeGreaterThan(Date.parse(home.forecast.nextCutoff));
  });

  it.each([
    ["ja", "締め時刻に間に合いません", "オープンロジの管理画面で出荷依頼を直接キャンセル・修正してください", "5,000件の連携が待機中"],
    ["en", "The queue will miss the", "cancel or change the shipment directly in OpenLogi before", "5,000 syncs are waiting"],
  ])("shows the warning banner with what to do, in the admin's language (%s)", async (locale, title, advice, count) => {
    const html = await (await world.document(LATE, "/app", locale)).text();

    expect(html).toContain(title);
    expect(html).toContain(advice);
    expect(html).toContain(count);
  });

  it("sends the Japanese document without a NUL byte (React 18's streamed 2,048-byte views put them there; pages render whole)", async () => {
    // Several loads: where the views' edges fall moves with the figures and times on the page.
    for (let i = 0; i < 5; i++) {
      const bytes = new Uint8Array(await (await world.document(LATE, "/app", "ja")).arrayBuffer());
      expect(bytes.indexOf(0)).toBe(-1);
    }
  });

  it("shows no banner to a shop with an empty queue, though another shop's backlog is long", async () => {
    const home = (await (await world.data(IDLE, "/app", HOME)).json()) as HomeData;
    const html = await (await world.document(IDLE, "/app", "en")).text();

    expect(home.forecast).toMatchObject({ calls: 0, drainMs: 0, missesCutoff: false });
    expect(html).toContain("Nothing is waiting to reach OpenLogi.");
    expect(html).toContain("Next data import at the warehouse:");
    expect(html).not.toContain("The queue will miss the");
  });
});
