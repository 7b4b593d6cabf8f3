import type { PrismaClient } from "@prisma/client";

/** The stored `orders/edited` payloads of one order, oldest first. */
export async function loadEditPayloads(prisma: PrismaClient, shop: string, orderId: string): Promise<string[]> {
  const rows = await prisma.webhookEvent.findMany({
    where: { shop, orderId, topic: "orders/edited" },
    orderBy: { id: "asc" },
    select: { payload: true },
  });
  return rows.map((row) => row.payload);
}
