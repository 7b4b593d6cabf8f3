/**
 * The sandbox's control endpoint: `sandbox:send` cannot reach the doubles (they live in
 * the sandbox process), so it asks here. Each action changes the order in the Admin API
 * double, as the merchant would in Shopify, then signs and POSTs the webhook Shopify
 * would send to the app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { PrismaClient } from "@prisma/client";
import type { OrderSnapshot } from "../../app/sync/types";
import type { AdminApiDouble } from "../doubles/admin-api-double";
import type { OpenLogiDouble } from "../doubles/openlogi-double";
import { adminOrderFixture, webhookPayloads } from "../doubles/scenario";
import { signedWebhookRequest } from "../doubles/sign-webhook";
import { cancelOrder, changeAddress, describeAddress, removeOneItem } from "./cases";
import type { HistoryRowJson } from "./format";
import { normaliseOrderName, type ActionResult, type OrderStatusJson } from "./state";

export interface ControlOptions {
  prisma: PrismaClient;
  admin: AdminApiDouble;
  openlogi: OpenLogiDouble;
  shop: string;
  secret: string;
  appUrl: string;
  /** The seeded orders by name; actions replace them with the changed order. */
  orders: Map<string, OrderSnapshot>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Topic = "orders/cancelled" | "orders/updated" | "orders/edited";

export function createControlServer(options: ControlOptions): Server {
  const { prisma, admin, openlogi, shop, secret, appUrl, orders } = options;
  const addressChanges = new Map<string, number>();
  // Unique across runs too: the app keys orders/edited jobs by this id.
  let editId = Math.floor(Date.now() / 1000);

  function find(name: string): OrderSnapshot {
    const order = orders.get(normaliseOrderName(name));
    if (!order) throw new HttpError(404, `No seeded order ${name}. Seeded: ${[...orders.keys()].join(", ")}`);
    return order;
  }

  function statusOf(order: OrderSnapshot): OrderStatusJson {
    const shipments = openlogi
      .all()
      .filter((shipment) => shipment.order_no === order.name || shipment.identifier === order.name)
      .map((shipment) => ({ id: shipment.id!, status: shipment.status ?? null }));
    return { name: order.name, cancelled: order.cancelledAt !== null, shipments };
  }

  async function lastHistoryId(): Promise<number> {
    const row = await prisma.syncHistory.findFirst({ where: { shop }, orderBy: { id: "desc" }, select: { id: true } });
    return row?.id ?? 0;
  }

  async function deliver(topic: Topic, payload: unknown): Promise<number> {
    const request = signedWebhookRequest(`${appUrl}/webhooks/${topic}`, { topic, shop, payload, secret });
    const response = await fetch(request);
    await response.arrayBuffer();
    return response.status;
  }

  /** Changes the order in Shopify (the Admin API double), then tells the app. */
  async function act(action: string, name: string): Promise<ActionResult> {
    const order = find(name);
    const now = new Date();
    let next: OrderSnapshot;
    let topic: Topic;
    let payload: unknown;
    let change: string;
    switch (action) {
      case "cancel":
        next = cancelOrder(order, now);
        topic = "orders/cancelled";
        payload = webhookPayloads.cancelled(next);
        change = order.cancelledAt ? "was already cancelled; Shopify delivers the webhook again" : "cancelled in Shopify";
        break;
      case "address": {
        const step = addressChanges.get(order.name) ?? 0;
        addressChanges.set(order.name, step + 1);
        next = changeAddress(order, step);
        topic = "orders/updated";
        payload = webhookPayloads.updated(next, now.toISOString());
        change = `shipping address changed to ${describeAddress(next.shippingAddress)}`;
        break;
      }
      case "remove-item": {
        const removed = removeOneItem(order);
        if (!removed) throw new HttpError(409, `${order.name} has no item left to remove`);
        next = removed.order;
        topic = "orders/edited";
        payload = webhookPayloads.edited(next, ++editId, { removed: [removed.lineItemId] });
        change = `order edit #${editId} removed one 「${removed.title}」`;
        break;
      }
      default:
        throw new HttpError(404, `Unknown action "${action}": use cancel, address or remove-item`);
    }
    const before = await lastHistoryId();
    orders.set(next.name, next);
    admin.setOrder(shop, adminOrderFixture(next));
    const webhookStatus = await deliver(topic, payload);
    const expectHistory = !(action === "cancel" && order.cancelledAt);
    return { order: next.name, topic, change, webhookStatus, lastHistoryId: before, expectHistory };
  }

  async function history(url: URL): Promise<HistoryRowJson[]> {
    const name = url.searchParams.get("order");
    const after = Number(url.searchParams.get("after") ?? 0);
    const limit = Math.min(200, Number(url.searchParams.get("limit") ?? 20));
    const rows = await prisma.syncHistory.findMany({
      where: { shop, ...(name ? { orderId: find(name).legacyId } : {}), ...(after > 0 ? { id: { gt: after } } : {}) },
      orderBy: { id: "desc" },
      take: limit,
    });
    return rows.reverse().map((row) => {
      const details = row.details ? (JSON.parse(row.details) as { notices?: HistoryRowJson["notices"] }) : {};
      return {
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        list: row.list,
        orderName: row.orderName,
        orderId: row.orderId,
        shipmentId: row.shipmentId,
        statusSeen: row.statusSeen,
        action: row.action,
        billable: row.billable,
        outcome: row.outcome,
        message: row.message,
        notices: details.notices ?? [],
      };
    });
  }

  async function route(req: IncomingMessage): Promise<unknown> {
    const url = new URL(req.url ?? "/", "http://sandbox.control");
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (req.method === "GET" && parts.length === 1 && parts[0] === "history") return history(url);
    if (req.method === "GET" && parts.length === 1 && parts[0] === "orders") return [...orders.values()].map(statusOf);
    if (req.method === "GET" && parts.length === 2 && parts[0] === "orders") return statusOf(find(parts[1]));
    if (req.method === "POST" && parts.length === 3 && parts[0] === "orders") return act(parts[2], parts[1]);
    throw new HttpError(404, `No such control endpoint: ${req.method} ${url.pathname}`);
  }

  return createServer((req, res: ServerResponse) => {
    req.resume();
    route(req).then(
      (body) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body)),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify({ error: message }));
      },
    );
  });
}
