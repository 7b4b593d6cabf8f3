import type { PrismaClient } from "@prisma/client";
import { buildDataRequestExport, listDataRequests } from "../models/data-request.server";
import { parseRowId } from "./row-id";

/** The Privacy page: the shop's customer data requests, newest first. */
export async function loadDataRequestsPage(prisma: PrismaClient, shop: string) {
  const requests = await listDataRequests(prisma, shop);
  return { requests: requests.map((request) => ({ ...request, receivedAt: request.receivedAt.toISOString() })) };
}

/** One request's export as a JSON download; another shop's request answers as a missing one. */
export async function dataRequestDownload(prisma: PrismaClient, shop: string, id: string | undefined): Promise<Response> {
  const requestId = parseRowId(id);
  const exported = requestId === null ? null : await buildDataRequestExport(prisma, shop, requestId);
  if (!exported) throw new Response("Not Found", { status: 404 });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="data-request-${exported.dataRequestId}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
