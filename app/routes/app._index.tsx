import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { CutoffBanner, CutoffForecastCard } from "../components/home/CutoffForecastCard";
import { ConnectionCard } from "../components/home/ConnectionCard";
import { OnboardingCard } from "../components/home/OnboardingCard";
import { QueueCard } from "../components/home/QueueCard";
import { RecentCard } from "../components/home/RecentCard";
import { getEnv } from "../env.server";
import { useI18n } from "../i18n/i18n-context";
import prisma from "../models/db.server";
import { loadHome } from "../pages/home.server";
import { authenticateShop } from "../pages/shop-admin.server";
import { loadShopTimeZone } from "../pages/shop-time-zone.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, adminApi } = await authenticateShop(request);
  const timeZone = await loadShopTimeZone(prisma, shop, adminApi);
  return json(await loadHome(prisma, shop, timeZone, new Date(), getEnv().OPENLOGI_CALLS_PER_MINUTE));
};

export default function Home() {
  const { status, queue, figures, since, forecast, callsPerMinute } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Page>
      <TitleBar title={t("home.title")} />
      <BlockStack gap="500">
        {status?.paused && (
          <Banner tone="warning" title={t("home.paused.title")} action={{ content: t("home.paused.action"), url: "/app/settings#paused" }}>
            {t("home.paused.text")}
          </Banner>
        )}
        <CutoffBanner forecast={forecast} queued={queue.pending + queue.running} />
        <Layout>
          <Layout.Section>
            <BlockStack gap="500">
              {(status?.connection ?? "not_set_up") === "not_set_up" && <OnboardingCard status={status} />}
              <ConnectionCard status={status} />
              <RecentCard figures={figures} since={since} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="500">
              <QueueCard queue={queue} />
              <CutoffForecastCard forecast={forecast} callsPerMinute={callsPerMinute} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
