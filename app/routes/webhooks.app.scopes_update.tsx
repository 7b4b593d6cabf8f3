import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../models/db.server";
import { authenticate } from "../shopify.server";
import { handleScopesUpdate } from "../webhooks/lifecycle.server";
import { verifyWebhook } from "../webhooks/intake.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await verifyWebhook(request, authenticate.webhook);
  await handleScopesUpdate(prisma, shop, payload);
  return new Response();
};
