/** The History list, a record's page, and Retry. Every read is the session's shop only. */
import type { PrismaClient, SyncHistory } from "@prisma/client";
import { encodeCursor, parseHistoryFilter } from "../history/history-filter";
import { readRecordDetails } from "../history/record-details";
import { canRetry, retryHistoryRecord } from "../history/retry.server";
import { findHistoryRecord, listHistoryPage, loadRecordContext } from "../models/history-queries.server";
import { parseRowId } from "./row-id";

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
  const recordId = parseRowId(id);
  const record = recordId === null ? null : await findHistoryRecord(prisma, shop, recordId);
  if (!record) throw notFound();
  return record;
}

const notFound = () => new Response("Not Found", { status: 404 });

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

/** What the record page's Retry answers. */
export type RetryAnswer = { ok: true; jobId: number } | { ok: false };

/** Retry from the record's page (history/retry.server.ts). */
export async function retryRecord(prisma: PrismaClient, shop: string, id: string | undefined, now: Date): Promise<RetryAnswer> {
  const recordId = parseRowId(id);
  // retryHistoryRecord reads the record within the shop: another shop's is not found either.
  const result = recordId === null ? ({ kind: "not_found" } as const) : await retryHistoryRecord(prisma, { shop, recordId, now });
  if (result.kind === "not_found") throw notFound();
  return result.kind === "queued" ? { ok: true, jobId: result.jobId } : { ok: false };
}
