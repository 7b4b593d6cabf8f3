import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Link, useFetcher, useLoaderData, useRouteError } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { useEffect } from "react";
import { ChangesCard } from "../components/record/ChangesCard";
import { OtherRecordsCard } from "../components/record/OtherRecordsCard";
import { OutcomeCard } from "../components/record/OutcomeCard";
import { RequestResultCard } from "../components/record/RequestResultCard";
import { SummaryCard, TimingCard } from "../components/record/SummaryCards";
import { useI18n } from "../i18n/i18n-context";
import prisma from "../models/db.server";
import { loadRecordPage, retryRecord, type RetryAnswer } from "../pages/history.server";
import { authenticateShop } from "../pages/shop-admin.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await authenticateShop(request);
  return json(await loadRecordPage(prisma, shop, params.id));
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await authenticateShop(request);
  const form = await request.formData();
  if (form.get("intent") !== "retry") return json({ ok: false } satisfies RetryAnswer, { status: 400 });
  const result = await retryRecord(prisma, shop, params.id, new Date());
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function HistoryRecord() {
  const { record, details, retryable, retries, retryJob, others } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const shopify = useAppBridge();
  const retry = useFetcher<RetryAnswer>();

  useEffect(() => {
    if (retry.state === "idle" && retry.data?.ok) shopify.toast.show(t("record.retryQueued"));
  }, [retry.state, retry.data, shopify, t]);

  return (
    <Page>
      <TitleBar title={t("record.title", { order: record.orderName ?? record.orderId })}>
        <Link variant="breadcrumb" to={record.list === "modify" ? "/app/history?tab=modify" : "/app/history"}>
          {t("history.title")}
        </Link>
      </TitleBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="500">
            <OutcomeCard
              record={record}
              details={details}
              retryable={retryable}
              retries={retries}
              retryJob={retryJob}
              retrying={retry.state !== "idle"}
              onRetry={() => retry.submit({ intent: "retry" }, { method: "post" })}
            />
            <RequestResultCard record={record} />
            {details.changes.length > 0 && <ChangesCard changes={details.changes} />}
            <OtherRecordsCard records={others} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="500">
            <SummaryCard record={record} />
            <TimingCard record={record} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/**
 * A record that is missing or another shop's (404) is said in the admin's language, with the
 * way back to the history; any other response is the library's (its auth bounce pages).
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  if (isRouteErrorResponse(error) && error.status !== 404) return boundary.error(error);
  return (
    <Page>
      <TitleBar title={t("history.title")}>
        <Link variant="breadcrumb" to="/app/history">
          {t("history.title")}
        </Link>
      </TitleBar>
      <Card>
        <BlockStack gap="300">
          <Text as="p" variant="bodyLg">
            {isRouteErrorResponse(error) ? t("common.notFound") : t("common.error")}
          </Text>
          <Link to="/app/history">{t("record.backToHistory")}</Link>
        </BlockStack>
      </Card>
    </Page>
  );
}
