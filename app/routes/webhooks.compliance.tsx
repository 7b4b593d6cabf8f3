import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../models/db.server";
import { validateWebhook } from "../shopify.server";
import { COMPLIANCE_TOPICS } from "../webhooks/lifecycle-payloads";
import { receiveLifecycleWebhook } from "../webhooks/lifecycle.server";

// customers/data_request, customers/redact and shop/redact (mandatory for App Store apps).
export const action = ({ request }: ActionFunctionArgs) =>
  receiveLifecycleWebhook(prisma, request, COMPLIANCE_TOPICS, validateWebhook);
