import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "../models/db.server";
import { dataRequestDownload } from "../pages/data-requests.server";
import { authenticateShop } from "../pages/shop-admin.server";

// A resource route: the Privacy page fetches it with App Bridge's session token.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await authenticateShop(request);
  return dataRequestDownload(prisma, shop, params.id);
};
