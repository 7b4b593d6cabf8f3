import { BlockStack, Card, InlineGrid, Link, Text } from "@shopify/polaris";
import { EMPTY_FILTER, historySearchParams, type HistoryFilter } from "../../history/history-filter";
import type { OutcomeGroup } from "../../history/outcome-group";
import type { RecentFigures } from "../../models/history-queries.server";
import type { HistoryList } from "../../models/sync-history.server";
import { useI18n } from "../../i18n/i18n-context";

type Figure = OutcomeGroup | "action_required";

/** What each of OpenLogi's two lists can show: a cancellation is never "updated", a change never "deleted". */
const FIGURES: Record<HistoryList, Figure[]> = {
  cancel: ["deleted", "billable", "not_reflected", "action_required", "failed"],
  modify: ["updated", "billable", "not_reflected", "action_required", "failed"],
};

/** The history, filtered to one figure from `since` on. */
function historyLink(list: HistoryList, figure: Figure, since: string): string {
  const filter: HistoryFilter = {
    ...EMPTY_FILTER,
    list,
    from: since,
    ...(figure === "action_required" ? { actionRequired: true } : { group: figure }),
  };
  return `/app/history?${historySearchParams(filter).toString()}`;
}

export function RecentCard({ figures, since }: { figures: RecentFigures; since: string }) {
  const { t, number, day } = useI18n();
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("home.recent.title")}
          </Text>
          <Text as="p" tone="subdued">
            {t("home.recent.since", { date: day(since) })}
          </Text>
        </BlockStack>
        {(["cancel", "modify"] as const).map((list) => (
          <BlockStack key={list} gap="200">
            <Text as="h3" variant="headingSm">
              {t(`home.recent.${list}`)}
            </Text>
            <InlineGrid columns={{ xs: 2, sm: 5 }} gap="300">
              {FIGURES[list].map((figure) => (
                <BlockStack key={figure} gap="050">
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t(`outcomeGroup.${figure}`)}
                  </Text>
                  <Link url={historyLink(list, figure, since)} removeUnderline>
                    <Text
                      as="span"
                      variant="headingLg"
                      tone={(figure === "failed" || figure === "action_required") && figures[list][figure] > 0 ? "critical" : undefined}
                    >
                      {number(figures[list][figure])}
                    </Text>
                  </Link>
                </BlockStack>
              ))}
            </InlineGrid>
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
