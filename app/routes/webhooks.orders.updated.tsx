import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../models/db.server";
import { validateWebhook } from "../shopify.server";
import { receiveOrderWebhook } from "../webhooks/intake.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveOrderWebhook(prisma, request, "orders/updated", validateWebhook);
