/**
 * The one check of a shop's settings as they come in: from `npm run shop:seed` and from the
 * settings page's form. Strings ("true", "all") and typed values are both accepted, so a
 * form post and a patch in code go through the same rules. Nothing here echoes a value back:
 * a message may be shown next to the token field, and must never show the token.
 */
import { z } from "zod";
import { OPENLOGI_TOKEN_MAX_LENGTH, OPENLOGI_TOKEN_MIN_LENGTH, VISIBLE_ASCII } from "../security/openlogi-token";

const booleanSetting = z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")], {
  error: "takes true or false",
});

/** A Location's GID as the Admin API gives it (the fulfillment order's `assignedLocation.location.id`). */
const LOCATION_GID = /^gid:\/\/shopify\/Location\/[1-9][0-9]*$/;
const LOCATION_MESSAGE = 'takes a Location GID (gid://shopify/Location/123) or "all"';

/** OpenLogi's two API environments (info.description, "ベースURL"). */
export const OPENLOGI_ENVIRONMENTS = ["production", "demo"] as const;
export type OpenLogiEnvironment = (typeof OPENLOGI_ENVIRONMENTS)[number];

/** The keys of SPEC.md's settings table, and the OpenLogi environment. */
const settingsShape = {
  reflectChanges: booleanSetting,
  cancelAfterConfirmation: booleanSetting,
  modifyAfterConfirmation: booleanSetting,
  reflectItemChanges: booleanSetting,
  paused: booleanSetting,
  shipmentKey: z.enum(["name", "number", "id"], { error: "takes name, number or id" }),
  /** null, "all" or "" mean every location. */
  locationId: z.union(
    [z.null(), z.enum(["all", ""]).transform(() => null), z.string().regex(LOCATION_GID, LOCATION_MESSAGE)],
    { error: LOCATION_MESSAGE },
  ),
  environment: z.enum(OPENLOGI_ENVIRONMENTS, { error: "takes production or demo" }),
};

const connectionShape = {
  openlogiToken: z
    .string({ error: "must be text" })
    .min(OPENLOGI_TOKEN_MIN_LENGTH, `must be ${OPENLOGI_TOKEN_MIN_LENGTH} to ${OPENLOGI_TOKEN_MAX_LENGTH} characters long`)
    .max(OPENLOGI_TOKEN_MAX_LENGTH, `must be ${OPENLOGI_TOKEN_MIN_LENGTH} to ${OPENLOGI_TOKEN_MAX_LENGTH} characters long`)
    .regex(VISIBLE_ASCII, "may hold only visible ASCII characters: no spaces, line breaks or other characters"),
  /**
   * アカウントコード, the path's `account_id`. The contract gives only examples (TS001, AB001)
   * and ids built on it (TS001-S000001), no rule: letters and digits, which is all a path
   * segment can carry unescaped and leaves out the ids' "-" separator.
   */
  openlogiAccountCode: z.string({ error: "must be text" }).regex(/^[A-Za-z0-9]{1,32}$/, {
    error: "takes letters and digits only, as in TS001 (at most 32)",
  }),
};

const unknownKeys = {
  error: (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? "is not a setting" : undefined),
};

const settingsSchema = z.strictObject(settingsShape, unknownKeys).partial();

/** Every field is optional: what is left out stays as it is. */
export const shopSettingsInputSchema = z.strictObject({ ...settingsShape, ...connectionShape }, unknownKeys).partial();

export type ShopSettingsInput = z.output<typeof shopSettingsInputSchema>;
/** The settings without the connection (token and account code). */
export type SettingsPatch = z.output<typeof settingsSchema>;

export interface SettingsProblem {
  /** The input's key ("openlogiToken", "paused", …), or the `--set` pair that is not key=value. */
  field: string;
  message: string;
}

/** Bad settings input: every problem found, each naming its field. Nothing was saved. */
export class SettingsInputError extends Error {
  constructor(readonly problems: SettingsProblem[]) {
    super(problems.map(({ field, message }) => `${field}: ${message}`).join("; "));
    this.name = "SettingsInputError";
  }
}

/** Checks a whole input (settings and connection); throws SettingsInputError naming every bad field. */
export function parseShopSettingsInput(raw: unknown): ShopSettingsInput {
  return parseWith(shopSettingsInputSchema, raw);
}

/** Parses `key=value` pairs (the `--set` options of `npm run shop:seed`) into a settings patch. */
export function parseSettingPairs(pairs: string[]): SettingsPatch {
  return parseWith(settingsSchema, readSettingPairs(pairs));
}

/** `key=value` pairs as a record of strings, for the schema to check; the last of a repeated key wins. */
export function readSettingPairs(pairs: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  const problems: SettingsProblem[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) problems.push({ field: pair, message: "expected key=value" });
    else record[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (problems.length > 0) throw new SettingsInputError(problems);
  return record;
}

function parseWith<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new SettingsInputError(
    parsed.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({ field: key, message: issue.message }))
        : [{ field: issue.path.join(".") || "input", message: issue.message }],
    ),
  );
}
