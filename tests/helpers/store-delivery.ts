/** One verified delivery stored as the webhook routes store it: through the intake's batch. */
import type { PrismaClient } from "@prisma/client";
import { storeWebhookBatch, type IntakeEntry, type IntakeResult } from "../../app/models/webhook-intake.server";

/** No fingerprint, so it is never quiet: the job is queued unless its key is taken. */
export async function storeDelivery(
  prisma: PrismaClient,
  record: IntakeEntry["record"],
  job: IntakeEntry["job"],
  receivedAt: Date,
): Promise<IntakeResult> {
  const [result] = await storeWebhookBatch(prisma, [{ record, job, fingerprint: null, receivedAt }]);
  return result;
}
