/** Carries one decision out against OpenLogi. */
import type { ShipmentSnapshot, SyncDecision } from "../sync/types";
import type { ExecutionContext } from "./execution-context";
import { workMayHaveBeenDone } from "./failure-policy";
import type { Executed } from "./history-entry";
import { sendBillable } from "./send-billable.server";

/** Throws OpenLogi's errors; a 5xx after which the write shows as done counts as done. */
export async function executeDecision(
  ctx: ExecutionContext,
  decision: SyncDecision,
  shipment: ShipmentSnapshot | null,
): Promise<Executed> {
  const { openlogi } = ctx;
  switch (decision.kind) {
    case "none":
      return { action: "none", outcome: decision.outcome };
    case "delete": {
      const id = shipment!.id;
      await writeThenVerify(
        () => openlogi.deleteShipment(id),
        async () => (await openlogi.getShipment(id)) === null,
      );
      return { action: "delete", outcome: decision.outcome };
    }
    case "update": {
      const id = shipment!.id;
      await writeThenVerify(
        () => openlogi.updateShipment(id, decision.body),
        // Landed when deciding again on what OpenLogi now holds finds nothing to change.
        async () => {
          const now = await openlogi.getShipment(id);
          return now !== null && ctx.decide(now).outcome === "no_change";
        },
      );
      return { action: "update", outcome: decision.outcome };
    }
    case "billableCancelRequest":
      return sendBillable(ctx, decision, shipment!, {
        change: { shop: ctx.shop, shipmentId: shipment!.id, kind: "cancel", changeKey: "cancel" },
        orderVersion: "",
        send: () => openlogi.requestBillableCancel(shipment!.id),
        landedStatus: "cancel_request",
        action: "cancel_request",
      });
    case "billableModifyRequest":
      return sendBillable(ctx, decision, shipment!, {
        change: { shop: ctx.shop, shipmentId: shipment!.id, kind: "modify", changeKey: decision.changeKey },
        orderVersion: ctx.order.updatedAt,
        send: () => openlogi.requestBillableModify(shipment!.id, decision.body),
        landedStatus: "modify_request",
        action: "modify_request",
      });
    default: {
      const unhandled: never = decision;
      throw new Error(`Unhandled decision ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * After a 5xx or a timeout OpenLogi may have done the work (its API description says so):
 * GET the shipment and count the write as done when it shows; otherwise let the job retry.
 */
async function writeThenVerify(write: () => Promise<unknown>, landed: () => Promise<boolean>) {
  try {
    await write();
  } catch (error) {
    if (workMayHaveBeenDone(error) && (await landed())) return;
    throw error;
  }
}
