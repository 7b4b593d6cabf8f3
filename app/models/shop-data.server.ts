import type { PrismaClient } from "@prisma/client";

export async function deleteSessions(prisma: PrismaClient, shop: string) {
  await prisma.session.deleteMany({ where: { shop } });
}

export async function updateOfflineScopes(prisma: PrismaClient, shop: string, scopes: string[]) {
  await prisma.session.updateMany({ where: { shop, isOnline: false }, data: { scope: scopes.join(",") } });
}

/** shop/redact: everything the app holds for the shop. */
export async function eraseShop(prisma: PrismaClient, shop: string) {
  await prisma.$transaction([
    prisma.syncHistory.deleteMany({ where: { shop } }),
    prisma.syncJob.deleteMany({ where: { shop } }),
    prisma.webhookEvent.deleteMany({ where: { shop } }),
    prisma.billableRequest.deleteMany({ where: { shop } }),
    prisma.orderStatusRead.deleteMany({ where: { shop } }),
    prisma.orderFingerprint.deleteMany({ where: { shop } }),
    prisma.reconcileCheckpoint.deleteMany({ where: { shop } }),
    prisma.customerDataRequest.deleteMany({ where: { shop } }),
    prisma.shopSettings.deleteMany({ where: { shop } }),
    prisma.session.deleteMany({ where: { shop } }),
  ]);
}
