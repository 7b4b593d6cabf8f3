import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Card, Page } from "@shopify/polaris";
import { HistoryFilters } from "../components/history/HistoryFilters";
import { HistoryTable } from "../components/history/HistoryTable";
import { decodeCursor, historySearchParams, type HistoryFilter } from "../history/history-filter";
import { useI18n } from "../i18n/i18n-context";
import prisma from "../models/db.server";
import { loadHistoryList } from "../pages/history.server";
import { authenticateShop } from "../pages/shop-admin.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, timeZone } = await authenticateShop(request);
  return json(await loadHistoryList(prisma, shop, new URL(request.url), await timeZone()));
};

export default function History() {
  const { filter, rows, older, newer } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const go = (next: HistoryFilter, { replace = false }: { replace?: boolean } = {}) => {
    const search = historySearchParams(next).toString();
    navigate(search ? `/app/history?${search}` : "/app/history", { replace });
  };
  return (
    <Page fullWidth>
      <TitleBar title={t("history.title")} />
      <Card padding="0">
        <HistoryFilters filter={filter} onChange={go} />
        <div aria-busy={navigation.state === "loading"}>
          <HistoryTable
            rows={rows}
            hasOlder={older !== null}
            hasNewer={newer !== null}
            onOlder={() => go({ ...filter, after: decodeCursor(older), before: null })}
            onNewer={() => go({ ...filter, before: decodeCursor(newer), after: null })}
          />
        </div>
      </Card>
    </Page>
  );
}
