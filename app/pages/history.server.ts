/** The History list, a record's page, and Retry. Every read is the session's shop only. */
import type { PrismaClient, SyncHistory } from "@prisma/client";
import { encodeCursor, parseHistoryFilter } from "../history/history-filter";
import { readRecordDetails } from "../history/record-details";
import { canRetry, retryHistoryRecord } from "../history/retry.server";
import { findHistoryRecord, listHistoryPage, loadRecordContext } from "../models/history-queries.server";

export async function loadHistoryList(prisma: PrismaClient, shop: string, url: URL, timeZone: string) {
  const filter = parseHistoryFilter(url.searchParams);
  const page = await listHistoryPage(prisma, shop, filter, { timeZone });
  return {
    filter,
    rows: page.rows,
    older: page.older ? encodeCursor(page.older) : null,
    newer: page.newer ? encodeCursor(page.newer) : null,
  };
}

/** Another shop's record answers exactly as a missing one does. */
async function requireRecord(prisma: PrismaClient, shop: string, id: string | undefined): Promise<SyncHistory> {
  const record = /^[1-9][0-9]{0,15}$/.test(id ?? "") ? await findHistoryRecord(prisma, shop, Number(id)) : null;
  if (!record) throw new Response("Not Found", { status: 404 });
  return record;
}

export async function loadRecordPage(prisma: PrismaClient, shop: string, id: string | undefined) {
  const record = await requireRecord(prisma, shop, id);
  const context = await loadRecordContext(prisma, record);
  const { details, ...fields } = record;
  return {
    record: {
      ...fields,
      startedAt: record.startedAt.toISOString(),
      finishedAt: record.finishedAt.toISOString(),
      createdAt: record.createdAt.toISOString(),
    },
    details: readRecordDetails(details),
    retryable: await canRetry(prisma, shop, record),
    ...context,
  };
}

export type RetryResult = { ok: true; jobId: number } | { ok: false };

/** Retry from the record's page (history/retry.server.ts). */
export async function retryRecord(prisma: PrismaClient, shop: string, id: string | undefined, now: Date): Promise<RetryResult> {
  const record = await requireRecord(prisma, shop, id);
  const result = await retryHistoryRecord(prisma, { shop, recordId: record.id, now });
  return result.kind === "queued" ? { ok: true, jobId: result.jobId } : { ok: false };
}
