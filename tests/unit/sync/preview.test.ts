import { PREVIEW_ACTIONS, previewDecisions, type Preview } from "../../../app/sync/preview";
import type { ShipmentStatus, SyncSettings } from "../../../app/sync/types";

const SETTINGS: SyncSettings = {
  reflectChanges: true,
  cancelAfterConfirmation: false,
  modifyAfterConfirmation: false,
  reflectItemChanges: true,
  shipmentKey: "name",
  locationId: "gid://shopify/Location/9",
  paused: false,
};
const BILLABLE_ON = { ...SETTINGS, cancelAfterConfirmation: true, modifyAfterConfirmation: true };

const OPEN: ShipmentStatus[] = ["backordered", "allocating", "waiting", "suspended"];
const CONFIRMED: ShipmentStatus[] = ["working", "picking", "picked"];
const PACKED: ShipmentStatus[] = ["packed", "shipped"];

describe("what a cancellation or an edit would do now (SPEC.md's tables, through decideSync)", () => {
  it.each(OPEN)("before confirmation (%s): deleted or updated, free", (status) => {
    expect(previewDecisions(status, SETTINGS)).toEqual<Preview>({ cancel: "deleted", addressEdit: "updated", itemEdit: "updated" });
  });

  it.each(CONFIRMED)("after picking began (%s), billable requests off: nothing is sent", (status) => {
    expect(previewDecisions(status, SETTINGS)).toEqual<Preview>({
      cancel: "not_synced_confirmed",
      addressEdit: "not_reflected_confirmed",
      itemEdit: "not_reflected_confirmed",
    });
  });

  it.each(CONFIRMED)("after picking began (%s), billable requests on: a billable request, but never for items", (status) => {
    expect(previewDecisions(status, BILLABLE_ON)).toEqual<Preview>({
      cancel: "cancel_requested",
      addressEdit: "modify_requested",
      itemEdit: "not_reflected_confirmed",
    });
  });

  it.each(PACKED)("packed or shipped (%s): impossible, whatever the settings", (status) => {
    const expected: Preview = { cancel: "not_cancellable_packed", addressEdit: "not_reflected_packed", itemEdit: "not_reflected_packed" };
    expect(previewDecisions(status, SETTINGS)).toEqual(expected);
    expect(previewDecisions(status, BILLABLE_ON)).toEqual(expected);
  });

  it("a pending cancel request: the cancellation is already asked for, edits wait", () => {
    expect(previewDecisions("cancel_request", BILLABLE_ON)).toEqual<Preview>({
      cancel: "already_requested",
      addressEdit: "request_pending",
      itemEdit: "request_pending",
    });
  });

  it("a pending modification request does not stop a cancel request (SPEC.md: as CONFIRMED)", () => {
    expect(previewDecisions("modify_request", SETTINGS).cancel).toBe("not_synced_confirmed");
    expect(previewDecisions("modify_request", BILLABLE_ON)).toEqual<Preview>({
      cancel: "cancel_requested",
      addressEdit: "request_pending",
      itemEdit: "request_pending",
    });
  });

  it("follows the settings that silence edits, and pause", () => {
    expect(previewDecisions("waiting", { ...SETTINGS, reflectItemChanges: false })).toEqual<Preview>({
      cancel: "deleted",
      addressEdit: "updated",
      itemEdit: "items_not_reflected",
    });
    expect(previewDecisions("waiting", { ...SETTINGS, reflectChanges: false })).toEqual<Preview>({
      cancel: "deleted",
      addressEdit: "reflect_disabled",
      itemEdit: "reflect_disabled",
    });
    const paused = previewDecisions("picking", { ...BILLABLE_ON, paused: true });
    expect(PREVIEW_ACTIONS.map((action) => paused[action])).toEqual(["paused", "paused", "paused"]);
  });

  it("holds whichever location the settings name, or none", () => {
    expect(previewDecisions("waiting", { ...SETTINGS, locationId: null })).toEqual(previewDecisions("waiting", SETTINGS));
  });
});
