import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "../env.server";
import { logger } from "../logger.server";
import prisma from "../models/db.server";
import { createOrderStatusDeps } from "../order-status/deps.server";
import { authenticateExtension } from "../order-status/extension-auth.server";
import { parseOrderId } from "../order-status/order-id";
import { loadOrderSyncStatus } from "../order-status/order-status.server";

/** The order page's block: the order's sync state, in codes (app/order-status/types.ts). */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticateExtension(request);
  const orderId = parseOrderId(params.orderId);
  if (!orderId) return cors(json({ error: "Not an order id" }, { status: 400 }));
  const deps = createOrderStatusDeps({ prisma, env: getEnv(), logger, shop: session.shop, accessToken: session.accessToken! });
  const status = await loadOrderSyncStatus(deps, session.shop, orderId);
  if (!status) return cors(json({ error: "Not found" }, { status: 404 }));
  return cors(json(status, { headers: { "Cache-Control": "no-store" } }));
};

/** OPTIONS (the preflight) is answered inside authenticate.admin; nothing else is taken here. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { cors } = await authenticateExtension(request);
  return cors(json({ error: "Method not allowed" }, { status: 405, headers: { Allow: "GET, OPTIONS" } }));
};
