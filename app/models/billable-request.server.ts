import type { PrismaClient } from "@prisma/client";
import { FIRST_CHECK_MS } from "../follow-up/poll-schedule";
import { redactChangeKey } from "../privacy/redact-history";
import { sha256Hex } from "../security/sha256";
import { isUniqueViolation } from "./unique-violation";

/**
 * A change's key as the ledger may hold it: as written, or with its recipient replaced by a
 * digest after `customers/redact` or the retention purge. Both name the same request.
 */
function storedForms(changeKey: string): string[] {
  const redacted = redactChangeKey(changeKey, sha256Hex);
  return redacted === changeKey ? [changeKey] : [changeKey, redacted];
}

export type BillableKind = "cancel" | "modify";
/** intent: about to send, or sent with an unknown answer (5xx/timeout); sent: OpenLogi accepted it. */
export type BillableState = "intent" | "sent";

/** The change a request carries, whatever the order version. */
export interface BillableChange {
  shop: string;
  shipmentId: string;
  kind: BillableKind;
  changeKey: string;
}

/** One request: the change, for one version of the order (SPEC.md: never two for one version). */
export interface BillableKey extends BillableChange {
  orderVersion: string;
}

/**
 * An earlier request for the same change whose answer never came, from any order version.
 * It must be settled (read back from OpenLogi) before anything is sent for that change again.
 */
export async function findBillableInDoubt(prisma: PrismaClient, change: BillableChange): Promise<BillableKey | null> {
  const row = await prisma.billableRequest.findFirst({
    where: { ...change, changeKey: { in: storedForms(change.changeKey) }, state: "intent" },
    orderBy: { id: "asc" },
  });
  return row ? { ...change, changeKey: row.changeKey, orderVersion: row.orderVersion } : null;
}

/**
 * The change the shipment's last request of this kind carried, that OpenLogi took. Asking
 * for the same change again, whatever the order version, would be paid for twice: when
 * OpenLogi declined it, or applied it in other words, only a person can settle it.
 */
export async function lastBillableChange(
  prisma: PrismaClient,
  { shop, shipmentId, kind }: Pick<BillableChange, "shop" | "shipmentId" | "kind">,
): Promise<string | null> {
  const row = await prisma.billableRequest.findFirst({
    where: { shop, shipmentId, kind, state: "sent" },
    orderBy: { id: "desc" },
    select: { changeKey: true },
  });
  return row?.changeKey ?? null;
}

/** Whether the shipment's last request (as `lastBillableChange` read it) carried `changeKey`. */
export function carriedChange(last: string | null, changeKey: string): boolean {
  return last !== null && storedForms(changeKey).includes(last);
}

/**
 * Records the intent to send a billable request before it is sent. Returns the state of
 * an earlier record for the same key and the job that recorded it, or "new" when this call
 * created it: the unique key makes sure only one job ever owns a given request.
 */
export async function recordBillableIntent(
  prisma: PrismaClient,
  key: BillableKey,
  jobId: number,
): Promise<{ state: "new" | BillableState; ownerJobId: number | null }> {
  const [, digested] = storedForms(key.changeKey);
  const redacted = digested === undefined ? null : await prisma.billableRequest.findFirst({ where: { ...key, changeKey: digested } });
  if (redacted) return { state: redacted.state as BillableState, ownerJobId: redacted.jobId };
  try {
    await prisma.billableRequest.create({ data: { ...key, jobId, state: "intent" } });
    return { state: "new", ownerJobId: jobId };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.billableRequest.findUniqueOrThrow({
      where: { shop_shipmentId_kind_changeKey_orderVersion: key },
    });
    return { state: existing.state as BillableState, ownerJobId: existing.jobId };
  }
}


/** OpenLogi took the request: from now on the follow-up looks for its result (app/follow-up). */
export async function markBillableSent(prisma: PrismaClient, key: BillableKey, now: Date) {
  await prisma.billableRequest.update({
    where: { shop_shipmentId_kind_changeKey_orderVersion: key },
    data: { state: "sent", sentAt: now, nextCheckAt: new Date(now.getTime() + FIRST_CHECK_MS) },
  });
}

/** OpenLogi refused the request (4xx): nothing was charged, the same change may be tried again later. */
export async function forgetBillableIntent(prisma: PrismaClient, key: BillableKey) {
  await prisma.billableRequest.deleteMany({ where: key });
}
