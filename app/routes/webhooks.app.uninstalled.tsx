import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../models/db.server";
import { authenticate } from "../shopify.server";
import { handleAppUninstalled } from "../webhooks/lifecycle.server";
import { verifyWebhook } from "../webhooks/intake.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await verifyWebhook(request, authenticate.webhook);
  await handleAppUninstalled(prisma, shop, new Date());
  return new Response();
};
