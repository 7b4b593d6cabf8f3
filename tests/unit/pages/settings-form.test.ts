import { parseShopSettingsInput, SettingsInputError } from "../../../app/models/settings-input";
import { billableSwitchedOn, fieldErrors, readSettingsForm } from "../../../app/pages/settings-form";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("the settings form", () => {
  it("gives the shared schema only its own fields, and keeps the saved token and account code when left empty", () => {
    const raw = readSettingsForm(form({ intent: "save", confirmBillable: "yes", openlogiToken: "", openlogiAccountCode: "", paused: "true" }));

    expect(raw).toEqual({ paused: "true" });
    expect(parseShopSettingsInput(raw)).toEqual({ paused: true });
  });

  it("turns the schema's problems into one dictionary key per field", () => {
    let problems: SettingsInputError["problems"] = [];
    try {
      parseShopSettingsInput(readSettingsForm(form({ openlogiToken: "has space 0123456789", shipmentKey: "sku", paused: "yes" })));
    } catch (error) {
      problems = (error as SettingsInputError).problems;
    }

    expect(fieldErrors(problems)).toEqual({
      openlogiToken: "settings.error.openlogiToken",
      shipmentKey: "settings.error.shipmentKey",
      paused: "settings.error.boolean",
    });
  });

  it("asks for the fee's confirmation only for a billable setting switched on", () => {
    expect(billableSwitchedOn({ cancelAfterConfirmation: false, modifyAfterConfirmation: true }, { cancelAfterConfirmation: true, modifyAfterConfirmation: true })).toEqual([
      "cancelAfterConfirmation",
    ]);
    expect(billableSwitchedOn({ cancelAfterConfirmation: true }, { cancelAfterConfirmation: false })).toEqual([]);
    expect(billableSwitchedOn(null, { modifyAfterConfirmation: true })).toEqual(["modifyAfterConfirmation"]);
  });
});
