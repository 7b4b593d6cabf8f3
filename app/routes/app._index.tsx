import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import prisma from "../models/db.server";
import { loadShopStatus } from "../models/settings.server";
import { listHistory } from "../models/sync-history.server";
import { queueCounts } from "../models/sync-job.server";
import { authenticate } from "../shopify.server";

/** Overview: is the shop connected, what is waiting, and the latest decisions. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [status, queue, history] = await Promise.all([
    loadShopStatus(prisma, session.shop),
    queueCounts(prisma, session.shop),
    listHistory(prisma, { shop: session.shop, take: 20 }),
  ]);
  return json({
    status,
    queue,
    history: history.map((row) => ({
      id: row.id,
      orderName: row.orderName ?? row.orderId,
      statusSeen: row.statusSeen ?? "—",
      action: row.action,
      billable: row.billable,
      outcome: row.outcome,
      message: row.message ?? "",
      at: row.finishedAt.toISOString(),
    })),
  });
};

export default function Overview() {
  const { status, queue, history } = useLoaderData<typeof loader>();
  const connection = !status?.connected ? (
    <Badge tone="attention">未接続 Not connected</Badge>
  ) : status.connectionError ? (
    <Badge tone="critical">接続エラー Connection broken</Badge>
  ) : status.paused ? (
    <Badge tone="warning">一時停止中 Paused</Badge>
  ) : (
    <Badge tone="success">連携中 Syncing</Badge>
  );
  return (
    <Page title="OpenLogi 連携 / OpenLogi sync">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  OpenLogi
                </Text>
                {connection}
              </InlineStack>
              {status?.connectionError ? <Text as="p">{status.connectionError}</Text> : null}
              <Text as="p" tone="subdued">
                待機 pending {queue.pending} · 実行中 running {queue.running} · 失敗 failed {queue.failed}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["注文 Order", "出荷ステータス Status", "処理 Action", "結果 Outcome", "メッセージ Message", "日時 At"]}
              rows={history.map((row) => [
                row.orderName,
                row.statusSeen,
                row.billable ? `${row.action} (有料 billable)` : row.action,
                row.outcome,
                row.message,
                new Date(row.at).toLocaleString("ja-JP"),
              ])}
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
