/// <reference types="@shopify/ui-extensions/admin.order-details.block.render" />
/**
 * The block under @shopify/ui-extensions-tester: every state the order page can be in, in
 * Japanese and in English, Retry from pending to the new outcome, and a failed fetch.
 */
import { getExtension } from "@shopify/ui-extensions-tester";
import type { OrderSyncStatus } from "../../../app/order-status/types";
import { RETRY_POLL_MS } from "../src/OrderSyncBlock";
import { adminI18n, type Language } from "./admin-locale";
import { json, latest, line, ORDER_GID, ORDER_ID, syncStatus } from "./status-fixtures";

const extension = getExtension("admin.order-details.block.render");

type Answer = OrderSyncStatus | Response | Error | Promise<never>;

/** The app, as the block sees it through fetch: GETs take the next answer (the last one repeats), POSTs the retry answer. */
function serve(statusAnswers: Answer[], retryAnswer: Response = json({ recordId: 12, jobId: 7, retry: "pending" }, 202)) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const queue = [...statusAnswers];
  extension.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    calls.push({ method, url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (method === "POST") return retryAnswer;
    const answer = queue.length > 1 ? queue.shift()! : queue[0];
    if (answer instanceof Error) throw answer;
    if (answer instanceof Response || answer instanceof Promise) return answer;
    return json(answer);
  }) as typeof fetch;
  return calls;
}

function speak(language: Language) {
  const i18n = adminI18n(language);
  extension.shopify.i18n.translate = i18n.translate as typeof extension.shopify.i18n.translate;
  extension.shopify.i18n.formatDate = i18n.formatDate;
  return i18n;
}

const block = () => document.body.querySelector("s-admin-block")!;
const textOf = (selector: string) => [...document.body.querySelectorAll(selector)].map((element) => element.textContent?.trim());
const badges = () => [...document.body.querySelectorAll("s-badge")].map((badge) => [badge.textContent, badge.getAttribute("tone")]);
const linkHrefs = () => [...document.body.querySelectorAll("s-link")].map((link) => link.getAttribute("href"));
const button = (label: string) => [...document.body.querySelectorAll("s-button")].find((element) => element.textContent === label)!;
/** Waits until the block has taken in the app's answer. */
const settled = () =>
  vi.waitFor(() => {
    expect(document.body.querySelector("s-admin-block")).not.toBeNull();
    expect(textOf("s-text")).not.toContain(WORDS.en.loading);
    expect(textOf("s-text")).not.toContain(WORDS.ja.loading);
  });

beforeEach(() => {
  extension.setUp();
  extension.shopify.data.selected = [{ id: ORDER_GID }];
});
afterEach(() => {
  extension.tearDown();
  vi.useRealTimers();
});

/** What staff read, word for word, in each language. */
const WORDS = {
  en: {
    heading: "OpenLogi sync",
    loading: "Reading the OpenLogi sync…",
    notSyncedYet: "Not synced yet",
    noSyncYet: "No sync yet: nothing about this order has been sent to OpenLogi.",
    notOpenLogiOrder: "Not an OpenLogi order: nothing in it ships from the OpenLogi location.",
    notOpenLogiOrderLabel: "Not an OpenLogi order",
    notConnected: "OpenLogi is not connected. Connect it in the app's settings: syncs wait until then.",
    broken: "OpenLogi refused the connection. Enter the token again in the app's settings: syncs wait until then.",
    paused: "Sync is paused: cancellations and edits are not sent to OpenLogi.",
    settings: "Open the settings",
    unreachable: "The app could not be reached",
    tryAgain: "Try again",
    cancelled: "The order is cancelled.",
    deleted: "Shipment deleted",
    updated: "Shipment updated",
    cancelRequested: "Cancel request sent (billable)",
    notReflected: "Not reflected: already confirmed",
    rejected: "Refused by OpenLogi",
    packed: "Not cancellable: packed or shipped",
    shipment: "Shipment TS001-S000123",
    statusPicking: "OpenLogi status: Picking",
    statusPacked: "OpenLogi status: Packed",
    statusUnknown: "OpenLogi status: unknown",
    unknownBusy: "OpenLogi's status for this order is not known yet: OpenLogi is busy with the sync, so it was not asked. It is read on a later view.",
    unknownFailed: "OpenLogi's status for this order is not known: OpenLogi could not be asked just now. Try again in a moment.",
    otherOutcome: "Other outcome (see the history)",
    retryWaiting: "Waiting for the OpenLogi connection: this runs again by itself once it is fixed.",
    statusGone: "OpenLogi no longer holds this shipment",
    readJustNow: "Read from OpenLogi just now.",
    lastKnown: "Last known status, 5 minutes ago: OpenLogi is busy with the sync, so it was not asked again.",
    unavailable: "Last known status, 3 hours ago: OpenLogi could not be asked just now.",
    noBillable: "No billable request sent",
    billableSent: (time: string) => `Billable request sent ${time}`,
    notCarriedOut: (time: string) => `Request result: not carried out (seen ${time}). Check with OpenLogi.`,
    requestCancelled: (time: string) => `Request result: cancelled by OpenLogi (seen ${time})`,
    noAnswer: (time: string) => `Request result: no answer from OpenLogi (stopped looking ${time}). Check with OpenLogi.`,
    lastSync: (time: string) => `Last sync ${time}`,
    history: "View the history",
    wouldDoHeading: "If you cancel or edit the order now",
    wouldDoOpen: [
      "Cancel: the shipment is deleted, free of charge.",
      "Address edit: the shipment is updated, free of charge.",
      "Item edit: the shipment's items are updated, free of charge.",
    ],
    wouldDoPicking: [
      "Cancel: a billable cancel request is sent to OpenLogi (your settings allow it).",
      "Address edit: picking has begun. Only a billable modification request could change it, and your settings do not allow one: nothing is sent.",
      "Item edit: impossible, picking has begun and a modification request cannot change items.",
    ],
    wouldDoPacked: [
      "Cancel: impossible, the shipment is packed or shipped.",
      "Address edit: impossible, the shipment is packed or shipped.",
      "Item edit: impossible, the shipment is packed or shipped.",
    ],
    wouldDoPending: "Cancel: a cancel request is already pending. Nothing more is sent.",
    wouldDoPaused: "Cancel: nothing is sent while sync is paused.",
    wouldDoUnknown: "OpenLogi's status is not known, so what a cancellation or an edit would do cannot be said.",
    retry: "Retry",
    retryPending: "Retry queued: waiting for the result…",
    retryFailed: "The retry could not be queued. Try again.",
  },
  ja: {
    heading: "オープンロジ連携",
    loading: "オープンロジ連携の状況を読み込んでいます…",
    notSyncedYet: "未連携",
    noSyncYet: "未連携：この注文について、オープンロジにはまだ何も送っていません。",
    notOpenLogiOrder: "オープンロジの対象外：この注文には、オープンロジの拠点から配送する商品がありません。",
    notOpenLogiOrderLabel: "オープンロジの対象外",
    notConnected: "オープンロジが接続されていません。アプリの設定で接続してください。接続するまで連携は待機します。",
    broken: "オープンロジが接続を拒否しました。アプリの設定でトークンを入れ直してください。それまで連携は待機します。",
    paused: "連携を一時停止中です。キャンセルや編集はオープンロジに送られません。",
    settings: "設定を開く",
    unreachable: "アプリに接続できませんでした",
    tryAgain: "再読み込み",
    cancelled: "この注文はキャンセル済みです。",
    deleted: "出荷依頼を削除",
    updated: "出荷依頼を更新",
    cancelRequested: "キャンセル依頼（有料）",
    notReflected: "未反映：出庫確定済",
    rejected: "オープンロジが受け付けませんでした",
    packed: "キャンセル不可：梱包済以降",
    shipment: "出荷依頼 TS001-S000123",
    statusPicking: "オープンロジのステータス：ピッキング中",
    statusPacked: "オープンロジのステータス：梱包済",
    statusUnknown: "オープンロジのステータス：不明",
    unknownBusy: "この注文のオープンロジのステータスはまだ不明です。オープンロジが連携の処理で混み合っているため、問い合わせていません。次に表示したときに取得します。",
    unknownFailed: "この注文のオープンロジのステータスは不明です。いまオープンロジに問い合わせできませんでした。少し待ってから再度お試しください。",
    otherOutcome: "その他の結果（連携履歴をご覧ください）",
    retryWaiting: "オープンロジとの接続を待っています。接続が直ると自動で再実行します。",
    statusGone: "オープンロジにこの出荷依頼はもうありません",
    readJustNow: "オープンロジから取得（たった今）。",
    lastKnown: "最後に確認したステータスです（5分前）。オープンロジが連携の処理で混み合っているため、再取得していません。",
    unavailable: "最後に確認したステータスです（3時間前）。いまオープンロジから取得できませんでした。",
    noBillable: "有料依頼は送っていません",
    billableSent: (time: string) => `有料依頼を送信：${time}`,
    notCarriedOut: (time: string) => `依頼の結果：実施されず（${time}に確認）。オープンロジにご確認ください。`,
    requestCancelled: (time: string) => `依頼の結果：キャンセル済み（${time}に確認）`,
    noAnswer: (time: string) => `依頼の結果：オープンロジから回答なし（${time}に確認を終了）。オープンロジにご確認ください。`,
    lastSync: (time: string) => `最終連携：${time}`,
    history: "連携履歴を見る",
    wouldDoHeading: "いま注文をキャンセル・編集すると",
    wouldDoOpen: [
      "キャンセル：出荷依頼を削除します（無料）。",
      "住所の編集：出荷依頼を更新します（無料）。",
      "商品の編集：出荷依頼の商品を更新します（無料）。",
    ],
    wouldDoPicking: [
      "キャンセル：オープンロジに有料のキャンセル依頼を送ります（設定で許可済み）。",
      "住所の編集：ピッキングが始まっています。変更するには有料の修正依頼が必要ですが、設定で許可されていないため、何も送りません。",
      "商品の編集：ピッキングが始まっており、修正依頼では商品を変更できないため、反映できません。",
    ],
    wouldDoPacked: [
      "キャンセル：梱包済または出荷済のため、キャンセルできません。",
      "住所の編集：梱包済または出荷済のため、反映できません。",
      "商品の編集：梱包済または出荷済のため、反映できません。",
    ],
    wouldDoPending: "キャンセル：すでにキャンセル依頼が出ています。これ以上は送りません。",
    wouldDoPaused: "キャンセル：連携の一時停止中は何も送りません。",
    wouldDoUnknown: "オープンロジのステータスが不明なため、キャンセルや編集の結果をお伝えできません。",
    retry: "再実行",
    retryPending: "再実行を受け付けました。結果を待っています…",
    retryFailed: "再実行を受け付けられませんでした。もう一度お試しください。",
  },
} as const;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe.each(["en", "ja"] as const)("in %s", (language) => {
  const words = WORDS[language];

  it("says it is reading until the app answers, and asks for this order", async () => {
    speak(language);
    const calls = serve([new Promise<never>(() => {})]);

    await extension.render();

    expect(block().getAttribute("heading")).toBe(words.heading);
    expect(textOf("s-text")).toEqual([words.loading]);
    expect(block().getAttribute("collapsedSummary")).toBe(words.loading);
    await vi.waitFor(() => expect(calls).toEqual([{ method: "GET", url: `/api/orders/${ORDER_ID}/sync-status`, body: undefined }]));
    expect(textOf("s-text")).toEqual([words.loading]);
  });

  it("shows each shipment's latest outcome as a badge toned by its group, its status, billable request and last sync", async () => {
    const i18n = speak(language);
    const at = "2026-11-20T01:02:00.000Z";
    const requested = "2026-11-19T23:45:00.000Z";
    serve([
      syncStatus({
        historyPath: "/app/history/40",
        lines: [
          line({ shipmentId: "TS001-S000123", latest: latest({ id: 40, outcome: "cancel_requested", tone: "info", at }), billableSentAt: requested, status: { code: "cancel_request", at: new Date().toISOString() }, wouldDo: { cancel: "already_requested", addressEdit: "request_pending", itemEdit: "request_pending" } }),
          line({ shipmentId: "TS001-S000124", latest: latest({ id: 39, outcome: "deleted", tone: "success", at }), status: { code: null, at: new Date().toISOString() }, wouldDo: null }),
          line({ shipmentId: "TS001-S000125", latest: latest({ id: 38, outcome: "not_reflected_confirmed", tone: "warning", at }), status: { code: "picking", at: new Date().toISOString() } }),
          line({ shipmentId: "TS001-S000126", latest: latest({ id: 37, outcome: "not_cancellable_packed", tone: "critical", actionRequired: true, at, retry: "available" }), status: { code: "packed", at: new Date().toISOString() }, wouldDo: { cancel: "not_cancellable_packed", addressEdit: "not_reflected_packed", itemEdit: "not_reflected_packed" } }),
        ],
      }),
    ]);

    await extension.render();
    await settled();

    expect(badges()).toEqual([
      [words.cancelRequested, "info"],
      [words.deleted, "success"],
      [words.notReflected, "warning"],
      [words.packed, "critical"],
    ]);
    const texts = textOf("s-text");
    expect(texts).toContain(words.shipment);
    expect(texts).toContain(words.billableSent(i18n.formatDate(new Date(requested), { dateStyle: "medium", timeStyle: "short" })));
    expect(texts).toContain(words.lastSync(i18n.formatDate(new Date(at), { dateStyle: "medium", timeStyle: "short" })));
    expect(texts).toContain(words.noBillable);
    expect(texts).toContain(words.statusGone);
    expect(texts).toContain(words.statusPicking);
    expect(texts).toContain(words.statusPacked);
    expect(texts).toContain(words.readJustNow);
    expect(texts).toContain(words.wouldDoPending);
    expect(texts).toEqual(expect.arrayContaining([...words.wouldDoPacked]));
    // One Retry, on the record that calls for action.
    expect(textOf("s-button")).toEqual([words.retry]);
    // The collapsed block carries the badges' words; the link opens the order's history in the app.
    expect(block().getAttribute("collapsedSummary")).toBe([words.cancelRequested, words.deleted, words.notReflected, words.packed].join(" · "));
    expect(textOf("s-link")).toEqual([words.history]);
    expect(linkHrefs()).toEqual(["app:app/history/40"]);
  });

  it("says what became of each billable request and when it was seen, critical when it was not carried out", async () => {
    const i18n = speak(language);
    const sent = "2026-11-19T23:45:00.000Z";
    const seen = "2026-11-20T03:30:00.000Z";
    const when = (iso: string) => i18n.formatDate(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
    serve([
      syncStatus({
        lines: [
          line({ shipmentId: "TS001-S000123", billableSentAt: sent, billableResult: { result: "not_carried_out", at: seen }, status: { code: "picking", at: new Date().toISOString() } }),
          line({ shipmentId: "TS001-S000124", billableSentAt: sent, billableResult: { result: "cancelled", at: seen }, status: { code: null, at: new Date().toISOString() }, wouldDo: null }),
          line({ shipmentId: "TS001-S000125", billableSentAt: sent, billableResult: { result: "no_answer", at: seen } }),
          line({ shipmentId: "TS001-S000126", billableSentAt: sent, billableResult: null }),
        ],
      }),
    ]);

    await extension.render();
    await settled();

    const toneOf = (text: string) => [...document.body.querySelectorAll("s-text")].find((element) => element.textContent?.trim() === text)?.getAttribute("tone");
    expect(toneOf(words.notCarriedOut(when(seen)))).toBe("critical");
    expect(toneOf(words.requestCancelled(when(seen)))).toBe("neutral");
    expect(toneOf(words.noAnswer(when(seen)))).toBe("warning");
    // A request still pending says only that it was sent.
    const results = textOf("s-text").filter((text) => [words.notCarriedOut, words.requestCancelled, words.noAnswer].some((word) => text === word(when(seen))));
    expect(results).toHaveLength(3);
    expect(textOf("s-text").filter((text) => text === words.billableSent(when(sent)))).toHaveLength(4);
  });

  it("says what a cancellation or an edit would do now", async () => {
    speak(language);
    serve([
      syncStatus({ lines: [line({ status: { code: "picking", at: new Date().toISOString() }, wouldDo: { cancel: "cancel_requested", addressEdit: "not_reflected_confirmed", itemEdit: "not_reflected_confirmed" } })] }),
    ]);

    await extension.render();
    await settled();

    const texts = textOf("s-text");
    const from = texts.indexOf(words.wouldDoHeading);
    expect(from).toBeGreaterThan(0);
    expect(texts.slice(from + 1, from + 4)).toEqual(words.wouldDoPicking);
  });

  it("shows the last known status with its age while OpenLogi is busy with the sync, or could not be asked", async () => {
    speak(language);
    serve([syncStatus({ live: "last_known", lines: [line({ status: { code: "waiting", at: minutesAgo(5) } })] })]);
    await extension.render();
    await settled();
    expect(textOf("s-text")).toContain(words.lastKnown);
    expect(textOf("s-text")).toEqual(expect.arrayContaining([...words.wouldDoOpen]));

    extension.tearDown();
    extension.setUp();
    extension.shopify.data.selected = [{ id: ORDER_GID }];
    speak(language);
    serve([syncStatus({ live: "unavailable", lines: [line({ status: { code: "waiting", at: minutesAgo(185) } })] })]);
    await extension.render();
    await settled();
    expect(textOf("s-text")).toContain(words.unavailable);
  });

  it("says when OpenLogi's status is not known, and so nothing of what an action would do", async () => {
    speak(language);
    serve([syncStatus({ lines: [line({ status: null, wouldDo: null })] })]);

    await extension.render();
    await settled();

    expect(textOf("s-text")).toEqual(expect.arrayContaining([words.statusUnknown, words.wouldDoUnknown]));
  });

  it("says when OpenLogi's status for the order is not known at all: busy, or failed", async () => {
    speak(language);
    serve([syncStatus({ synced: false, historyPath: null, live: "last_known", statusUnknown: true })]);
    await extension.render();
    await settled();
    expect(textOf("s-text")).toEqual([words.unknownBusy, words.noSyncYet]);

    extension.tearDown();
    extension.setUp();
    extension.shopify.data.selected = [{ id: ORDER_GID }];
    speak(language);
    serve([syncStatus({ synced: false, historyPath: null, live: "unavailable", statusUnknown: true })]);
    await extension.render();
    await settled();
    expect(textOf("s-text")).toEqual([words.unknownFailed, words.noSyncYet]);
  });

  it("shows an outcome it cannot name as neutral, never as its code or in a critical tone", async () => {
    speak(language);
    // The app is newer than the deployed block: a code the block has no words for, even in a critical tone.
    const future = latest({ outcome: "outcome_from_a_newer_version" as never, tone: "critical" });
    serve([syncStatus({ lines: [line({ latest: future }), line({ shipmentId: "TS001-S000124", latest: latest({ outcome: null, tone: "neutral" }) })] })]);

    await extension.render();
    await settled();

    expect(badges()).toEqual([
      [words.otherOutcome, "neutral"],
      [words.otherOutcome, "neutral"],
    ]);
    expect(document.body.textContent).not.toContain("outcome_from_a_newer_version");
    expect(block().getAttribute("collapsedSummary")).toBe(words.otherOutcome);
  });

  it("says nothing has been synced yet, and lists a shipment OpenLogi holds", async () => {
    speak(language);
    serve([syncStatus({ synced: false, historyPath: null })]);
    await extension.render();
    await settled();
    expect(textOf("s-text")).toEqual([words.noSyncYet]);
    expect(block().getAttribute("collapsedSummary")).toBe(words.notSyncedYet);
    expect(linkHrefs()).toEqual([]);

    extension.tearDown();
    extension.setUp();
    extension.shopify.data.selected = [{ id: ORDER_GID }];
    speak(language);
    serve([syncStatus({ synced: false, historyPath: null, lines: [line({ latest: null })] })]);
    await extension.render();
    await settled();
    expect(badges()).toEqual([[words.notSyncedYet, "neutral"]]);
    expect(textOf("s-text")).toEqual(expect.arrayContaining([...words.wouldDoOpen]));
  });

  it("says when neither the app nor Shopify knows the order (404)", async () => {
    speak(language);
    serve([json({ error: "Not found" }, 404)]);

    await extension.render();
    await settled();

    expect(textOf("s-text")).toEqual([words.noSyncYet]);
  });

  it("says when the order is not an OpenLogi order", async () => {
    speak(language);
    serve([syncStatus({ synced: false, notOpenLogiOrder: true, live: "not_read", historyPath: null })]);

    await extension.render();
    await settled();

    expect(textOf("s-text")).toEqual([words.notOpenLogiOrder]);
    expect(block().getAttribute("collapsedSummary")).toBe(words.notOpenLogiOrderLabel);
  });

  it("says when OpenLogi is not connected, with the way to the settings", async () => {
    speak(language);
    serve([syncStatus({ connection: "not_connected", live: "not_read", synced: false, historyPath: null })]);

    await extension.render();
    await settled();

    const banner = document.body.querySelector("s-banner")!;
    expect(banner.getAttribute("tone")).toBe("warning");
    expect(banner.querySelector("s-text")!.textContent).toBe(words.notConnected);
    expect(banner.querySelector("s-link")!.getAttribute("href")).toBe("app:app/settings");
    expect(banner.querySelector("s-link")!.textContent).toBe(words.settings);
  });

  it("says when OpenLogi refused the connection", async () => {
    speak(language);
    serve([syncStatus({ connection: "broken", live: "not_read", lines: [line({ latest: latest({ outcome: "connection_broken", tone: "critical", retry: "available" }) })] })]);

    await extension.render();
    await settled();

    const banner = document.body.querySelector("s-banner")!;
    expect(banner.getAttribute("tone")).toBe("critical");
    expect(banner.querySelector("s-text")!.textContent).toBe(words.broken);
  });

  it("says when sync is paused, and that nothing would be sent", async () => {
    speak(language);
    serve([syncStatus({ paused: true, lines: [line({ latest: latest({ outcome: "paused", tone: "info" }), wouldDo: { cancel: "paused", addressEdit: "paused", itemEdit: "paused" } })] })]);

    await extension.render();
    await settled();

    expect(document.body.querySelector("s-banner s-text")!.textContent).toBe(words.paused);
    expect(textOf("s-text")).toContain(words.wouldDoPaused);
  });

  it("says when the order is cancelled, and no longer what a cancellation would do", async () => {
    speak(language);
    serve([syncStatus({ orderCancelled: true, lines: [line()] })]);

    await extension.render();
    await settled();

    expect(textOf("s-text")).toContain(words.cancelled);
    expect(textOf("s-text")).not.toContain(words.wouldDoHeading);
  });

  it("says clearly when the app cannot be reached, never a blank block, and tries again when asked", async () => {
    speak(language);
    const calls = serve([new TypeError("Failed to fetch"), json({ error: "boom" }, 500), syncStatus({ lines: [line()] })]);

    await extension.render();
    await vi.waitFor(() => expect(document.body.querySelector("s-banner")?.getAttribute("heading")).toBe(words.unreachable));
    expect(document.body.querySelector("s-banner")!.getAttribute("tone")).toBe("critical");
    expect(block().getAttribute("collapsedSummary")).toBe(words.unreachable);

    // A server error reads the same.
    button(words.tryAgain).click();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    await vi.waitFor(() => expect(document.body.querySelector("s-banner")?.getAttribute("heading")).toBe(words.unreachable));

    button(words.tryAgain).click();
    await vi.waitFor(() => expect(badges()).toEqual([[words.deleted, "success"]]));
    expect(document.body.querySelector("s-banner")).toBeNull();
  });

  it("retries a failed record: pending first, then the new outcome", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    speak(language);
    const failed = line({ latest: latest({ id: 12, outcome: "openlogi_rejected", tone: "critical", retry: "available" }) });
    const pending = line({ latest: latest({ id: 12, outcome: "openlogi_rejected", tone: "critical", retry: "pending" }) });
    const done = line({ latest: latest({ id: 13, outcome: "deleted", tone: "success", retry: null }), status: { code: null, at: new Date().toISOString() }, wouldDo: null });
    const calls = serve([syncStatus({ lines: [failed] }), syncStatus({ lines: [pending] }), syncStatus({ lines: [done] })]);
    await extension.render();
    await vi.waitFor(() => expect(badges()).toEqual([[words.rejected, "critical"]]));

    button(words.retry).click();

    await vi.waitFor(() => expect(textOf("s-text")).toContain(words.retryPending));
    expect(calls.slice(0, 3).map(({ method, url, body }) => [method, url, body])).toEqual([
      ["GET", `/api/orders/${ORDER_ID}/sync-status`, undefined],
      ["POST", `/api/orders/${ORDER_ID}/retry`, { recordId: 12 }],
      ["GET", `/api/orders/${ORDER_ID}/sync-status`, undefined],
    ]);
    expect(textOf("s-button")).toEqual([]);

    await vi.advanceTimersByTimeAsync(RETRY_POLL_MS);
    await vi.waitFor(() => expect(badges()).toEqual([[words.deleted, "success"]]));
    expect(textOf("s-text")).not.toContain(words.retryPending);

    // Nothing pending: the block stops asking.
    const asked = calls.length;
    await vi.advanceTimersByTimeAsync(RETRY_POLL_MS * 5);
    expect(calls).toHaveLength(asked);
  });

  it("keeps asking while the order's retry is queued, whichever line it came from, and stops once it has run", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    speak(language);
    // The retry was asked from an older record; the line's latest record is another.
    const queued = syncStatus({ retryQueued: true, lines: [line({ latest: latest({ id: 14, outcome: "no_change", tone: "success" }) })] });
    const done = syncStatus({ lines: [line({ latest: latest({ id: 15, outcome: "updated", tone: "success" }) })] });
    const calls = serve([queued, done]);
    await extension.render();
    await settled();

    await vi.advanceTimersByTimeAsync(RETRY_POLL_MS);
    await vi.waitFor(() => expect(badges()).toEqual([[words.updated, "success"]]));
    const asked = calls.length;
    await vi.advanceTimersByTimeAsync(RETRY_POLL_MS * 5);
    expect(calls).toHaveLength(asked);
  });

  it("says a record waits for the connection instead of offering Retry", async () => {
    speak(language);
    serve([syncStatus({ connection: "broken", lines: [line({ shipmentId: null, latest: latest({ outcome: "connection_broken", tone: "critical", retry: "waiting" }), status: null, wouldDo: null })] })]);
    await extension.render();
    await settled();

    expect(textOf("s-text")).toContain(words.retryWaiting);
    expect(textOf("s-button")).toEqual([]);
  });

  it("says when the retry could not be queued, and keeps Retry", async () => {
    speak(language);
    const failed = line({ latest: latest({ id: 12, outcome: "failed", tone: "critical", retry: "available" }) });
    serve([syncStatus({ lines: [failed] })], json({ error: "boom" }, 500));
    await extension.render();
    await settled();

    button(words.retry).click();

    await vi.waitFor(() => expect(textOf("s-text")).toContain(words.retryFailed));
    expect(textOf("s-button")).toEqual([words.retry]);
  });
});
