import type { PrismaClient } from "@prisma/client";

export type BillableKind = "cancel" | "modify";
/** intent: about to send, or sent with an unknown answer (5xx/timeout); sent: OpenLogi accepted it. */
export type BillableState = "intent" | "sent";

export interface BillableKey {
  shop: string;
  shipmentId: string;
  kind: BillableKind;
  changeKey: string;
}

/**
 * Records the intent to send a billable request before it is sent. Returns the
 * state of an earlier record for the same change, or "new" when this call created it:
 * the unique key makes sure only one job ever owns a given billable change.
 */
export async function recordBillableIntent(
  prisma: PrismaClient,
  key: BillableKey,
  jobId: number,
): Promise<"new" | BillableState> {
  try {
    await prisma.billableRequest.create({ data: { ...key, jobId, state: "intent" } });
    return "new";
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const existing = await prisma.billableRequest.findUniqueOrThrow({
      where: { shop_shipmentId_kind_changeKey: key },
    });
    return existing.state as BillableState;
  }
}

export async function markBillableSent(prisma: PrismaClient, key: BillableKey) {
  await prisma.billableRequest.update({ where: { shop_shipmentId_kind_changeKey: key }, data: { state: "sent" } });
}

/** OpenLogi refused the request (4xx): nothing was charged, the same change may be tried again later. */
export async function forgetBillableIntent(prisma: PrismaClient, key: BillableKey) {
  await prisma.billableRequest.deleteMany({ where: key });
}
