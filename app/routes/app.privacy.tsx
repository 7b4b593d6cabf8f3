import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Button, Card, DataTable, Page, Text } from "@shopify/polaris";
import { useI18n } from "../i18n/i18n-context";
import prisma from "../models/db.server";
import { loadDataRequestsPage } from "../pages/data-requests.server";
import { authenticateShop } from "../pages/shop-admin.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await authenticateShop(request);
  return json(await loadDataRequestsPage(prisma, shop));
};

export default function Privacy() {
  const { requests } = useLoaderData<typeof loader>();
  const { t, dateTime, number } = useI18n();
  const shopify = useAppBridge();

  // App Bridge adds the session token to the app's own fetches; a plain link would carry none.
  async function download(id: number, dataRequestId: string) {
    const response = await fetch(`/app/privacy/${id}/export`);
    if (!response.ok) {
      shopify.toast.show(t("privacy.downloadFailed"), { isError: true });
      return;
    }
    const href = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = href;
    link.download = `data-request-${dataRequestId}.json`;
    link.click();
    URL.revokeObjectURL(href);
  }

  return (
    <Page>
      <TitleBar title={t("privacy.title")} />
      <Card>
        <BlockStack gap="300">
          <Text as="p">{t("privacy.intro")}</Text>
          {requests.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("privacy.empty")}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "numeric", "text"]}
              headings={[t("privacy.received"), t("privacy.customer"), t("privacy.orders"), ""]}
              rows={requests.map((request) => [
                dateTime(request.receivedAt),
                request.customerId ?? t("common.none"),
                number(request.orderCount),
                <Button key={request.id} onClick={() => void download(request.id, request.dataRequestId)}>
                  {t("privacy.download")}
                </Button>,
              ])}
            />
          )}
        </BlockStack>
      </Card>
    </Page>
  );
}
