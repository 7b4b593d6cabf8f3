import type { PrismaClient } from "@prisma/client";

export async function deleteSessions(prisma: PrismaClient, shop: string) {
  await prisma.session.deleteMany({ where: { shop } });
}

export async function updateOfflineScopes(prisma: PrismaClient, shop: string, scopes: string[]) {
  await prisma.session.updateMany({ where: { shop, isOnline: false }, data: { scope: scopes.join(",") } });
}

/** customers/redact: every row that names one of these orders. */
export async function eraseOrders(prisma: PrismaClient, shop: string, orderIds: string[]) {
  await prisma.$transaction([
    prisma.syncHistory.deleteMany({ where: { shop, orderId: { in: orderIds } } }),
    prisma.webhookEvent.deleteMany({ where: { shop, orderId: { in: orderIds } } }),
    prisma.orderStatusRead.deleteMany({ where: { shop, orderId: { in: orderIds } } }),
    prisma.orderFingerprint.deleteMany({ where: { shop, orderId: { in: orderIds } } }),
  ]);
}

/** shop/redact: everything the app holds for the shop. */
export async function eraseShop(prisma: PrismaClient, shop: string) {
  await prisma.$transaction([
    prisma.syncHistory.deleteMany({ where: { shop } }),
    prisma.webhookEvent.deleteMany({ where: { shop } }),
    prisma.billableRequest.deleteMany({ where: { shop } }),
    prisma.orderStatusRead.deleteMany({ where: { shop } }),
    prisma.orderFingerprint.deleteMany({ where: { shop } }),
    prisma.shopSettings.deleteMany({ where: { shop } }),
    prisma.session.deleteMany({ where: { shop } }),
  ]);
}
