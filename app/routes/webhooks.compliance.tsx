import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../models/db.server";
import { authenticate } from "../shopify.server";
import { handleComplianceWebhook } from "../webhooks/lifecycle.server";
import { verifyWebhook } from "../webhooks/intake.server";

// customers/data_request, customers/redact and shop/redact (mandatory for App Store apps).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, payload } = await verifyWebhook(request, authenticate.webhook);
  await handleComplianceWebhook(prisma, shop, topic, payload);
  return new Response();
};
