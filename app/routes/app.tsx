import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError, type ShouldRevalidateFunction } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisJa from "@shopify/polaris/locales/ja.json";
import { getEnv } from "../env.server";
import { resolveLocale, translate } from "../i18n";
import { I18nProvider } from "../i18n/i18n-context";
import { authenticateShop } from "../pages/shop-admin.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

/**
 * The admin adds `locale` only when it loads the app's document; later data requests do not
 * carry it, so this loader runs once per document and its answer stays (shouldRevalidate).
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { timeZone } = await authenticateShop(request);
  const locale = resolveLocale(new URL(request.url).searchParams.get("locale"));
  return json({
    apiKey: getEnv().SHOPIFY_API_KEY,
    locale,
    timeZone: await timeZone(),
    polarisTranslations: locale === "ja" ? polarisJa : polarisEn,
  });
};

export const shouldRevalidate: ShouldRevalidateFunction = () => false;

export default function App() {
  const { apiKey, locale, timeZone, polarisTranslations } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisTranslations}>
      <I18nProvider locale={locale} timeZone={timeZone}>
        <NavMenu>
          <Link to="/app" rel="home">
            {translate(locale, "nav.home")}
          </Link>
          <Link to="/app/settings">{translate(locale, "nav.settings")}</Link>
          <Link to="/app/history">{translate(locale, "nav.history")}</Link>
          <Link to="/app/privacy">{translate(locale, "nav.privacy")}</Link>
        </NavMenu>
        <Outlet />
      </I18nProvider>
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so that their headers are included.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
