/**
 * The order page's block: for each OpenLogi shipment of the order, what the sync last did (a
 * badge toned by outcome group), the status OpenLogi showed and when, the billable request,
 * the last sync, Retry, and what a cancellation or an edit would do now. Every word comes from
 * locales/ (made from app/i18n); the app sends codes only.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { RequestResult } from "../../../app/follow-up/settle-request";
import { isHistoryOutcome } from "../../../app/history/outcome-group";
import type { LatestRecord, LiveState, OrderSyncStatus, StatusLine } from "../../../app/order-status/types";
import type { PreviewAction } from "../../../app/sync/preview";
import { ageOf } from "./age";
import { fetchSyncStatus, orderIdOf, requestRetry } from "./api";

/** While a retry is pending, the block asks again this often… */
export const RETRY_POLL_MS = 3_000;
/** …for five minutes at most: a stopped worker must not keep an open order page polling all day. */
const RETRY_POLLS = 100;

const ACTIONS = ["cancel", "addressEdit", "itemEdit"] as const satisfies readonly PreviewAction[];
/** The app's settings page. */
const SETTINGS_HREF = "app:app/settings";

type View =
  | { kind: "loading" }
  | { kind: "unreachable" }
  /** Neither the app nor Shopify knows the order (older than the app may read, never synced). */
  | { kind: "unknown" }
  | { kind: "ready"; status: OrderSyncStatus };

const t = (key: string, replacements?: Record<string, string | number>) => shopify.i18n.translate(key, replacements);
const time = (iso: string) => shopify.i18n.formatDate(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
/** An app path ("/app/history/12") as the admin's link into the app ("app:app/history/12"). */
const appHref = (path: string) => `app:${path.replace(/^\//, "")}`;

export function OrderSyncBlock() {
  const orderId = orderIdOf(shopify.data.selected[0]?.id);
  const [view, setView] = useState<View>({ kind: "loading" });
  const [busy, setBusy] = useState<number | null>(null);
  const [retryFailed, setRetryFailed] = useState<number | null>(null);
  const polls = useRef(0);

  const load = useCallback(async () => {
    if (!orderId) return setView({ kind: "unreachable" });
    try {
      const status = await fetchSyncStatus(orderId);
      setView(status ? { kind: "ready", status } : { kind: "unknown" });
    } catch {
      setView({ kind: "unreachable" });
    }
  }, [orderId]);

  useEffect(() => {
    void load();
  }, [load]);

  const pending = view.kind === "ready" && (view.status.retryQueued || view.status.lines.some((line) => line.latest?.retry === "pending"));
  useEffect(() => {
    if (!pending || polls.current >= RETRY_POLLS) return undefined;
    const timer = setTimeout(() => {
      polls.current += 1;
      void load();
    }, RETRY_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, view, load]);

  const retry = async (recordId: number) => {
    setBusy(recordId);
    setRetryFailed(null);
    try {
      await requestRetry(orderId!, recordId);
      polls.current = 0;
      await load();
    } catch {
      setRetryFailed(recordId);
    } finally {
      setBusy(null);
    }
  };

  const heading = t("name");
  switch (view.kind) {
    case "loading":
      return (
        <s-admin-block heading={heading} collapsedSummary={t("block.loading")}>
          <s-text>{t("block.loading")}</s-text>
        </s-admin-block>
      );
    case "unreachable":
      return (
        <s-admin-block heading={heading} collapsedSummary={t("block.unreachable.heading")}>
          <s-banner tone="critical" heading={t("block.unreachable.heading")}>
            <s-stack direction="block" gap="small">
              <s-text>{t("block.unreachable.body")}</s-text>
              <s-button
                onClick={() => {
                  setView({ kind: "loading" });
                  void load();
                }}
              >
                {t("block.unreachable.tryAgain")}
              </s-button>
            </s-stack>
          </s-banner>
        </s-admin-block>
      );
    case "unknown":
      return (
        <s-admin-block heading={heading} collapsedSummary={t("block.line.notSyncedYet")}>
          <s-text>{t("block.state.noSyncYet")}</s-text>
        </s-admin-block>
      );
    case "ready": {
      const { status } = view;
      return (
        <s-admin-block heading={heading} collapsedSummary={summaryOf(status)}>
          <s-stack direction="block" gap="base">
            <Notices status={status} />
            {status.notOpenLogiOrder && <s-text>{t("block.state.notOpenLogiOrder")}</s-text>}
            {!status.synced && status.lines.length === 0 && !status.notOpenLogiOrder && <s-text>{t("block.state.noSyncYet")}</s-text>}
            {status.lines.map((line) => (
              <Line
                key={line.shipmentId ?? "order"}
                line={line}
                status={status}
                busy={busy}
                retryFailed={retryFailed}
                onRetry={(recordId) => void retry(recordId)}
              />
            ))}
            {status.historyPath && <s-link href={appHref(status.historyPath)}>{t("block.line.history")}</s-link>}
          </s-stack>
        </s-admin-block>
      );
    }
  }
}

/**
 * A badge's words and tone. An outcome this block cannot name (the app is newer than the
 * deployed block, or sent none) is neutral and never shown as its code.
 */
function badgeOf(latest: LatestRecord): { label: string; tone: LatestRecord["tone"] } {
  if (latest.outcome === null || !isHistoryOutcome(latest.outcome)) return { label: t("block.line.otherOutcome"), tone: "neutral" };
  return { label: t(`outcome.${latest.outcome}`), tone: latest.tone };
}

/** The collapsed block shows what its badges say. */
function summaryOf(status: OrderSyncStatus): string {
  const labels = [...new Set(status.lines.flatMap((line) => (line.latest ? [badgeOf(line.latest).label] : [])))];
  if (labels.length > 0) return labels.join(" · ");
  return status.notOpenLogiOrder ? t("outcome.not_openlogi_order") : t("block.line.notSyncedYet");
}

function Notices({ status }: { status: OrderSyncStatus }) {
  return (
    <>
      {status.connection === "not_connected" && (
        <s-banner tone="warning">
          <s-text>{t("block.state.notConnected")}</s-text> <s-link href={SETTINGS_HREF}>{t("block.line.settings")}</s-link>
        </s-banner>
      )}
      {status.connection === "broken" && (
        <s-banner tone="critical">
          <s-text>{t("block.state.connectionBroken")}</s-text> <s-link href={SETTINGS_HREF}>{t("block.line.settings")}</s-link>
        </s-banner>
      )}
      {status.paused && (
        <s-banner tone="warning">
          <s-text>{t("block.state.paused")}</s-text>
        </s-banner>
      )}
      {status.statusUnknown && (
        <s-banner tone="warning">
          <s-text>{t(status.live === "last_known" ? "block.state.statusUnknownBusy" : "block.state.statusUnknownFailed")}</s-text>
        </s-banner>
      )}
      {!status.orderFound && <s-text>{t("block.state.orderNotFound")}</s-text>}
      {status.orderCancelled && <s-text>{t("block.state.orderCancelled")}</s-text>}
    </>
  );
}

interface LineProps {
  line: StatusLine;
  status: OrderSyncStatus;
  busy: number | null;
  retryFailed: number | null;
  onRetry(recordId: number): void;
}

function Line({ line, status, busy, retryFailed, onRetry }: LineProps) {
  const { latest } = line;
  const badge = latest ? badgeOf(latest) : { label: t("block.line.notSyncedYet"), tone: "neutral" as const };
  return (
    <s-stack direction="block" gap="small-200">
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-text type="strong">{line.shipmentId ? t("block.line.shipment", { id: line.shipmentId }) : t("block.line.order")}</s-text>
        <s-badge tone={badge.tone}>{badge.label}</s-badge>
      </s-stack>
      {line.shipmentId && <ShipmentStatus line={line} live={status.live} />}
      {line.shipmentId && (
        <s-text>{line.billableSentAt ? t("block.line.billableSent", { time: time(line.billableSentAt) }) : t("block.line.noBillable")}</s-text>
      )}
      {line.shipmentId && line.billableResult && <BillableResult result={line.billableResult} />}
      {latest && <s-text color="subdued">{t("block.line.lastSync", { time: time(latest.at) })}</s-text>}
      {latest?.retry === "available" && (
        <s-button onClick={() => onRetry(latest.id)} loading={busy === latest.id} disabled={busy !== null}>
          {t("block.retry.button")}
        </s-button>
      )}
      {latest?.retry === "pending" && <s-text tone="info">{t("block.retry.pending")}</s-text>}
      {latest?.retry === "waiting" && <s-text tone="info">{t("block.retry.waiting")}</s-text>}
      {latest && retryFailed === latest.id && <s-text tone="critical">{t("block.retry.failed")}</s-text>}
      {line.shipmentId && !status.orderCancelled && <WouldDo line={line} />}
    </s-stack>
  );
}

/**
 * Each request result's tone: critical when OpenLogi did not carry the request out (a cancelled
 * order may still ship), warning when it never answered. Also the results this block can name.
 */
const RESULT_TONE: Record<RequestResult, "neutral" | "warning" | "critical"> = {
  cancelled: "neutral",
  modified: "neutral",
  not_carried_out: "critical",
  shipment_gone: "neutral",
  superseded: "neutral",
  unverifiable: "neutral",
  no_answer: "warning",
};

/** What became of the billable request, and when the follow-up saw it; nothing for a result newer than the block. */
function BillableResult({ result }: { result: NonNullable<StatusLine["billableResult"]> }) {
  if (!Object.hasOwn(RESULT_TONE, result.result)) return null;
  return <s-text tone={RESULT_TONE[result.result]}>{t(`block.line.billableResult.${result.result}`, { time: time(result.at) })}</s-text>;
}

/** The status OpenLogi showed, and how old that is: why, when it is not fresh. */
function ShipmentStatus({ line, live }: { line: StatusLine; live: LiveState }) {
  if (!line.status) return <s-text>{t("block.line.statusUnknown")}</s-text>;
  const age = ageOf(line.status.at, Date.now());
  const ago = t(age.key, age.count === undefined ? undefined : { count: age.count });
  const note = live === "last_known" ? "block.live.lastKnown" : live === "unavailable" ? "block.live.unavailable" : "block.live.current";
  return (
    <s-stack direction="block" gap="none">
      <s-text>{line.status.code ? t("block.line.status", { status: t(`status.${line.status.code}`) }) : t("block.line.statusGone")}</s-text>
      <s-text color="subdued">{t(note, { age: ago })}</s-text>
    </s-stack>
  );
}

function WouldDo({ line }: { line: StatusLine }) {
  const { wouldDo } = line;
  if (!wouldDo) return line.status ? null : <s-text color="subdued">{t("block.wouldDo.unknown")}</s-text>;
  return (
    <s-stack direction="block" gap="small-300">
      <s-text type="strong">{t("block.wouldDo.heading")}</s-text>
      {ACTIONS.map((action) => (
        <s-text key={action}>{t(`block.wouldDo.${action}.${wouldDo[action]}`)}</s-text>
      ))}
    </s-stack>
  );
}
