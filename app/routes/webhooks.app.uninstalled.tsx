import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../models/db.server";
import { validateWebhook } from "../shopify.server";
import { receiveLifecycleWebhook } from "../webhooks/lifecycle.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveLifecycleWebhook(prisma, request, ["app/uninstalled"], validateWebhook);
