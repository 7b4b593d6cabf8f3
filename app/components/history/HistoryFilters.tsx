import { BlockStack, Checkbox, ChoiceList, IndexFilters, IndexFiltersMode, TextField, useSetIndexFiltersMode } from "@shopify/polaris";
import type { AppliedFilterInterface, FilterInterface } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { HISTORY_LISTS, withoutCursor, type HistoryFilter } from "../../history/history-filter";
import { OUTCOME_GROUPS, type OutcomeGroup } from "../../history/outcome-group";
import { useI18n } from "../../i18n/i18n-context";

/** How long typing in the search pauses before the URL (and the list) follows it. */
const SEARCH_DELAY_MS = 300;

/**
 * Tabs, filters and search; every change becomes a new URL through `onChange`. Refining a
 * search replaces the current entry (`replace`), so Back leaves the search in one step
 * instead of stepping through what was typed.
 */
export function HistoryFilters({
  filter,
  onChange,
}: {
  filter: HistoryFilter;
  onChange: (next: HistoryFilter, options?: { replace: boolean }) => void;
}) {
  const { t, day } = useI18n();
  const filtered = filter.group !== null || filter.billable !== null || filter.actionRequired || !!filter.from || !!filter.to || filter.query !== "";
  // A link to a filtered view (Home's figures) opens with its filters showing.
  const { mode, setMode } = useSetIndexFiltersMode(filtered ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);
  const [query, setQuery] = useState(filter.query);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => setQuery(filter.query), [filter.query]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (patch: Partial<HistoryFilter>) => onChange({ ...withoutCursor(filter), ...patch });
  const search = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => onChange({ ...withoutCursor(filter), query: value.trim() }, { replace: filter.query !== "" }),
      SEARCH_DELAY_MS,
    );
  };

  const filters: FilterInterface[] = [
    {
      key: "group",
      label: t("history.filter.group"),
      pinned: true,
      filter: (
        <ChoiceList
          title={t("history.filter.group")}
          titleHidden
          choices={OUTCOME_GROUPS.map((group) => ({ value: group, label: t(`outcomeGroup.${group}`) }))}
          selected={filter.group ? [filter.group] : []}
          onChange={([group]) => apply({ group: (group as OutcomeGroup | undefined) ?? null })}
        />
      ),
    },
    {
      key: "billable",
      label: t("history.filter.billable"),
      pinned: true,
      filter: (
        <ChoiceList
          title={t("history.filter.billable")}
          titleHidden
          choices={[
            { value: "yes", label: t("common.yes") },
            { value: "no", label: t("common.no") },
          ]}
          selected={filter.billable === null ? [] : [filter.billable ? "yes" : "no"]}
          onChange={([value]) => apply({ billable: value === undefined ? null : value === "yes" })}
        />
      ),
    },
    {
      key: "actionRequired",
      label: t("history.filter.actionRequired"),
      pinned: true,
      filter: (
        <Checkbox
          label={t("history.filter.onlyActionRequired")}
          checked={filter.actionRequired}
          onChange={(checked) => apply({ actionRequired: checked })}
        />
      ),
    },
    {
      key: "date",
      label: t("history.filter.date"),
      pinned: true,
      filter: (
        <BlockStack gap="200">
          <TextField
            label={t("history.filter.from")}
            type="date"
            autoComplete="off"
            value={filter.from ?? ""}
            onChange={(value) => apply({ from: value || null })}
          />
          <TextField
            label={t("history.filter.to")}
            type="date"
            autoComplete="off"
            value={filter.to ?? ""}
            onChange={(value) => apply({ to: value || null })}
          />
        </BlockStack>
      ),
    },
  ];

  const applied: AppliedFilterInterface[] = [];
  if (filter.group) {
    applied.push({ key: "group", label: t("history.applied.group", { value: t(`outcomeGroup.${filter.group}`) }), onRemove: () => apply({ group: null }) });
  }
  if (filter.billable !== null) {
    applied.push({
      key: "billable",
      label: t("history.applied.billable", { value: t(filter.billable ? "common.yes" : "common.no") }),
      onRemove: () => apply({ billable: null }),
    });
  }
  if (filter.actionRequired) {
    applied.push({ key: "actionRequired", label: t("history.applied.actionRequired"), onRemove: () => apply({ actionRequired: false }) });
  }
  if (filter.from || filter.to) {
    const label =
      filter.from && filter.to
        ? t("history.applied.dateRange", { from: day(filter.from), to: day(filter.to) })
        : filter.from
          ? t("history.applied.from", { from: day(filter.from) })
          : t("history.applied.to", { to: day(filter.to!) });
    applied.push({ key: "date", label, onRemove: () => apply({ from: null, to: null }) });
  }

  return (
    <IndexFilters
      tabs={HISTORY_LISTS.map((list) => ({ id: list, content: t(`history.tab.${list}`) }))}
      selected={HISTORY_LISTS.indexOf(filter.list)}
      onSelect={(index) => apply({ list: HISTORY_LISTS[index] })}
      canCreateNewView={false}
      queryValue={query}
      queryPlaceholder={t("history.search")}
      onQueryChange={search}
      onQueryClear={() => search("")}
      filters={filters}
      appliedFilters={applied}
      onClearAll={() => apply({ group: null, billable: null, actionRequired: false, from: null, to: null, query: "" })}
      mode={mode}
      setMode={setMode}
    />
  );
}
