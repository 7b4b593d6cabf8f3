import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { CutoffBanner, CutoffForecastCard } from "../components/home/CutoffForecastCard";
import { ConnectionCard } from "../components/home/ConnectionCard";
import { OnboardingCard } from "../components/home/OnboardingCard";
import { QueueCard } from "../components/home/QueueCard";
import { RecentCard } from "../components/home/RecentCard";
import { ReinstalledBanner } from "../components/home/ReinstalledBanner";
import { getEnv } from "../env.server";
import { useI18n } from "../i18n/i18n-context";
import prisma from "../models/db.server";
import { dismissReinstalledNotice } from "../models/settings.server";
import { loadHome } from "../pages/home.server";
import { authenticateShop } from "../pages/shop-admin.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, timeZone } = await authenticateShop(request);
  return json(await loadHome(prisma, shop, await timeZone(), new Date(), getEnv().OPENLOGI_CALLS_PER_MINUTE));
};

/** Home's one action: closing the notice that a reinstall kept the settings. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticateShop(request);
  const form = await request.formData();
  if (form.get("intent") !== "dismissReinstalled") return json({ ok: false }, { status: 400 });
  await dismissReinstalledNotice(prisma, shop);
  return json({ ok: true });
};

export default function Home() {
  const { status, queue, figures, since, forecast, callsPerMinute } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const dismiss = useFetcher();
  const dismissing = dismiss.state !== "idle" || dismiss.data !== undefined;
  return (
    <Page>
      <TitleBar title={t("home.title")} />
      <BlockStack gap="500">
        {status?.reinstalledAt && !dismissing && (
          <ReinstalledBanner status={status} onDismiss={() => dismiss.submit({ intent: "dismissReinstalled" }, { method: "post" })} />
        )}
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
