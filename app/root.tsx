import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { resolveLocale } from "./i18n";

/** The document's language is the admin user's (the `locale` the admin loads the app with). */
export const loader = ({ request }: LoaderFunctionArgs) =>
  json({ lang: resolveLocale(new URL(request.url).searchParams.get("locale")) });

export const shouldRevalidate: ShouldRevalidateFunction = () => false;

export default function App() {
  const { lang } = useLoaderData<typeof loader>();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <link rel="stylesheet" href="https://cdn.shopify.com/static/fonts/inter/v4/styles.css" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
