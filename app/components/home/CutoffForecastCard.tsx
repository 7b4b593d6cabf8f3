import type { SerializeFrom } from "@remix-run/node";
import { Banner, BlockStack, Card, Text } from "@shopify/polaris";
import type { CutoffForecast } from "../../forecast/cutoff-forecast";
import { WAREHOUSE_TIME_ZONE } from "../../forecast/warehouse-calendar";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

type Forecast = SerializeFrom<CutoffForecast>;

/** Cut-offs are the warehouse's, so they are shown in Japan time whatever the shop's zone. */
function useWarehouseTime() {
  const { locale } = useI18n();
  return (value: string) => formatDateTime(locale, WAREHOUSE_TIME_ZONE, value);
}

/** Shown above everything when the queue will reach OpenLogi only after the next import. */
export function CutoffBanner({ forecast, queued }: { forecast: Forecast; queued: number }) {
  const { t, number, duration } = useI18n();
  const at = useWarehouseTime();
  if (!forecast.missesCutoff) return null;
  const cutoff = at(forecast.nextCutoff);
  return (
    <Banner tone="warning" title={t("home.cutoff.late.title", { cutoff })}>
      {t("home.cutoff.late.text", { count: number(queued), duration: duration(forecast.drainMs), cutoff, made: at(forecast.cutoffMade) })}
    </Banner>
  );
}

/** The next import and how long the queue takes to reach OpenLogi at its pace. */
export function CutoffForecastCard({ forecast, callsPerMinute }: { forecast: Forecast; callsPerMinute: number }) {
  const { t, number, duration } = useI18n();
  const at = useWarehouseTime();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("home.cutoff.title")}
        </Text>
        <Text as="p">{t("home.cutoff.next", { date: at(forecast.nextCutoff) })}</Text>
        <Text as="p" tone={forecast.missesCutoff ? "caution" : undefined}>
          {forecast.calls === 0
            ? t("home.cutoff.empty")
            : t("home.cutoff.drain", { duration: duration(forecast.drainMs), time: at(forecast.drainsAt) })}
        </Text>
        {forecast.calls > 0 && (
          <Text as="p" tone="subdued">
            {t("home.cutoff.pace", { perMinute: number(callsPerMinute), calls: number(forecast.calls) })}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
