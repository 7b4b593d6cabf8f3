import type { PrismaClient } from "@prisma/client";
import { forecastCutoff } from "../forecast/cutoff-forecast";
import { dateInZone, daysBefore, startOfDay } from "../history/zoned-day";
import { countRecentOutcomes } from "../models/history-queries.server";
import { shopQueueStats } from "../models/queue-stats.server";
import { loadShopStatus } from "../models/settings.server";

/** Today and the six days before it, in the shop's time zone. */
const RECENT_DAYS = 7;

/** Home: the connection, the onboarding's state, the queue, its cut-off forecast and the last 7 days. */
export async function loadHome(prisma: PrismaClient, shop: string, timeZone: string, now: Date, callsPerMinute: number) {
  const since = daysBefore(dateInZone(now, timeZone), RECENT_DAYS - 1);
  const from = startOfDay(since, timeZone);
  const [status, queue, figures] = await Promise.all([
    loadShopStatus(prisma, shop),
    shopQueueStats(prisma, shop, now, from),
    countRecentOutcomes(prisma, shop, from),
  ]);
  const forecast = forecastCutoff({ queued: queue.pending + queue.running, callsPerMinute, now });
  return { status, queue, figures, since, forecast, callsPerMinute };
}
