/**
 * `npm run privacy:purge`: one retention purge now (the worker runs it hourly). Prints counts only.
 */
import { getEnv } from "../app/env.server";
import { logger } from "../app/logger.server";
import prisma from "../app/models/db.server";
import { purgeExpiredPersonalData } from "../app/privacy/purge-expired.server";

const env = getEnv();
const removed = await purgeExpiredPersonalData(prisma, { now: new Date(), retentionDays: env.PRIVACY_RETENTION_DAYS, logger });
await prisma.$disconnect();
console.log(`Older than ${env.PRIVACY_RETENTION_DAYS} days: ${removed.webhooks} webhook payloads, ${removed.records} history records, ${removed.billableKeys} billable keys cleared of personal data`);
