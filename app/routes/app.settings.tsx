import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { Layout, Page } from "@shopify/polaris";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BillableModal } from "../components/settings/BillableModal";
import { ConnectionSection } from "../components/settings/ConnectionSection";
import {
  billableTurnedOn,
  changedFields,
  initialFormState,
  toFormData,
  type SettingsFormState,
} from "../components/settings/settings-form-state";
import { SyncSection } from "../components/settings/SyncSection";
import { useI18n } from "../i18n/i18n-context";
import prisma from "../models/db.server";
import type { BillableSetting, FieldErrors } from "../pages/settings-form";
import { loadSettingsPage, saveSettingsForm, testConnectionForm, type SaveSettingsResult, type TestConnectionResult } from "../pages/settings.server";
import { authenticateShop, tokenCipher } from "../pages/shop-admin.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, adminApi } = await authenticateShop(request);
  return json(await loadSettingsPage(prisma, shop, adminApi));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, adminApi } = await authenticateShop(request);
  const form = await request.formData();
  if (form.get("intent") === "test") {
    const result = await testConnectionForm(prisma, tokenCipher(), shop, form);
    return json(result, { status: "errors" in result ? 400 : 200 });
  }
  const result = await saveSettingsForm(prisma, tokenCipher(), shop, adminApi, form, new Date());
  return json(result, { status: result.ok ? 200 : 400 });
};

/**
 * Reloading the settings puts the form back to what is stored, so only a save that went
 * through reloads them: after "Test connection" or a refused save the merchant's entries stay.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, actionResult, defaultShouldRevalidate }) => {
  if (formData?.get("intent") === "test") return false;
  if (formData?.get("intent") === "save" && !(actionResult as SaveSettingsResult | undefined)?.ok) return false;
  return defaultShouldRevalidate;
};

export default function Settings() {
  const { settings, locations } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const shopify = useAppBridge();
  const saver = useFetcher<SaveSettingsResult>();
  const tester = useFetcher<TestConnectionResult>();
  const saved = useMemo(() => initialFormState(settings), [settings]);
  const [state, setState] = useState(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState<BillableSetting[]>([]);

  // Each answer is handled once; a save that went through starts the form again from what is
  // now stored (the token field empty again: the token never comes back from the server).
  const handled = useRef<SaveSettingsResult | null>(null);
  useEffect(() => {
    const result = saver.data;
    if (saver.state !== "idle" || !result || handled.current === result) return;
    handled.current = result;
    if (result.ok) {
      setState(saved);
      setErrors({});
      shopify.toast.show(t("settings.saved"));
    } else {
      setErrors(result.errors);
      shopify.toast.show(t("settings.notSaved"), { isError: true });
    }
  }, [saver.state, saver.data, saved, shopify, t]);

  useEffect(() => {
    const result = tester.data;
    if (tester.state === "idle" && result && "errors" in result) setErrors(result.errors);
  }, [tester.state, tester.data]);

  const change = useCallback(<K extends keyof SettingsFormState>(field: K, value: SettingsFormState[K]) => {
    setState((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _cleared, ...rest }) => rest);
  }, []);

  const submit = (confirmBillable: boolean) =>
    saver.submit(toFormData(state, { intent: "save", ...(confirmBillable ? { confirmBillable: "yes" } : {}) }), { method: "post" });

  const save = () => {
    const turnedOn = billableTurnedOn(state, saved);
    if (turnedOn.length > 0) setConfirming(turnedOn);
    else submit(false);
  };

  const test = () =>
    tester.submit(
      toFormData(state, { intent: "test" }),
      { method: "post" },
    );

  const dirty = changedFields(state, saved).length > 0;
  const saving = saver.state !== "idle";
  return (
    <Page>
      <TitleBar title={t("settings.title")} />
      <SaveBar id="settings-save-bar" open={dirty}>
        <button variant="primary" onClick={save} disabled={saving}>
          {t("common.save")}
        </button>
        <button onClick={() => { setState(saved); setErrors({}); }} disabled={saving}>
          {t("common.discard")}
        </button>
      </SaveBar>
      <BillableModal
        settings={confirming}
        onConfirm={() => {
          setConfirming([]);
          submit(true);
        }}
        onCancel={() => setConfirming([])}
      />
      <Layout>
        <ConnectionSection
          state={state}
          settings={settings}
          errors={errors}
          onChange={change}
          onTest={test}
          testing={tester.state !== "idle"}
          test={tester.data}
        />
        <SyncSection state={state} locations={locations} errors={errors} onChange={change} />
      </Layout>
    </Page>
  );
}
