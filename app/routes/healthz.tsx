import { json } from "@remix-run/node";
import prisma from "../models/db.server";
import { queueCounts } from "../models/sync-job.server";

/** Liveness and queue depth for load balancers and operators. */
export const loader = async () => {
  try {
    const queue = await queueCounts(prisma);
    return json({ ok: true, db: true, queue }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return json({ ok: false, db: false, queue: null }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
};
