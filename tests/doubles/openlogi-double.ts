/**
 * A stand-in for OpenLogi's shipment API that is as strict as the real one: a real
 * HTTP server that checks every request and every answer against the trimmed contract
 * (app/openlogi/contract/openlogi-shipments.openapi.json), applies OpenLogi's status
 * rules and 60-a-minute pace, and can be told to fail the way OpenLogi fails
 * (info.description, "エラーについて").
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import contractJson from "../../app/openlogi/contract/openlogi-shipments.openapi.json";
import type { ShipmentResponse, ShipmentStatus } from "../../app/sync/types";

export const DOUBLE_TOKEN = "openlogi-double-token";
export const DOUBLE_ACCOUNT = "TS001";

// ---------------------------------------------------------------------------
// The contract, made digestible for Ajv
// ---------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const CONTRACT_ID = "openlogi";

/**
 * OpenAPI 3.0 → Ajv without changing meaning: `#/…` refs point into the registered
 * document; `nullable` without `type` already allows anything; and a nullable enum
 * admits null, which is how openapi-typescript and OpenLogi read it
 * (e.g. `delivery_carrier: null` on shipments without a carrier).
 */
function forAjv(node: Json): Json {
  if (Array.isArray(node)) return node.map(forAjv);
  if (!node || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = forAjv(value);
  if (typeof out.$ref === "string" && out.$ref.startsWith("#/")) out.$ref = `${CONTRACT_ID}${out.$ref}`;
  if (out.nullable === true && out.type === undefined) delete out.nullable;
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

const contract = forAjv(contractJson as unknown as Json) as any;
const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
addFormats(ajv);
ajv.addSchema(contract, CONTRACT_ID);

const compiled = new WeakMap<object, ValidateFunction>();
function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function schemaNamed(name: string): ValidateFunction {
  return validatorFor(contract.components.schemas[name]);
}

type OperationId =
  | "getShipment"
  | "putShipment"
  | "deleteShipment"
  | "modifyShipment"
  | "cancelShipment"
  | "listShipments"
  | "listShipmentsById";

const OPERATIONS: Record<OperationId, { path: string; method: string }> = {
  getShipment: { path: "/shipments/{id}", method: "get" },
  putShipment: { path: "/shipments/{id}", method: "put" },
  deleteShipment: { path: "/shipments/{id}", method: "delete" },
  modifyShipment: { path: "/shipments/{id}/modify", method: "post" },
  cancelShipment: { path: "/shipments/{id}/cancel", method: "post" },
  listShipments: { path: "/shipments/{account_id}", method: "get" },
  listShipmentsById: { path: "/shipments", method: "get" },
};

function operation(id: OperationId): any {
  const { path, method } = OPERATIONS[id];
  return contract.paths[path][method];
}

function requestBodySchema(id: OperationId): object | undefined {
  return operation(id).requestBody?.content?.["application/json"]?.schema;
}

/** Errors OpenLogi sends on any endpoint (429, 402, …) that the contract does not list per operation. */
const GENERIC_ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: { type: "string" },
    error_description: { type: "string" },
    errors: { type: "object", additionalProperties: { type: "string" } },
  },
};

function responseSchema(id: OperationId, status: number): object {
  let response = operation(id).responses[String(status)];
  if (response?.$ref) response = contract.components.responses[response.$ref.split("/").pop()];
  return response?.content?.["application/json"]?.schema ?? GENERIC_ERROR_SCHEMA;
}

/** Property names a schema allows, through allOf and refs (for "which fields does a PUT own?"). */
function propertyNames(schema: any): Set<string> {
  const names = new Set<string>();
  const visit = (node: any) => {
    if (!node) return;
    if (node.$ref) return visit(contract.components.schemas[node.$ref.split("/").pop()]);
    Object.keys(node.properties ?? {}).forEach((name) => names.add(name));
    (node.allOf ?? []).forEach(visit);
  };
  visit(schema);
  return names;
}

/** Fields OpenLogi sets itself (tracking codes, dates, packages…): a PUT does not replace them. */
const REQUEST_FIELDS = propertyNames(contract.components.schemas.ShipmentRequest);
const SERVER_OWNED_FIELDS = [...propertyNames(contract.components.schemas.GetShipmentResponse)].filter(
  (name) => !REQUEST_FIELDS.has(name)
);

// ---------------------------------------------------------------------------
// Validation errors in OpenLogi's 422 shape: { field: message }
// ---------------------------------------------------------------------------

/**
 * Ajv reports every branch of a failed oneOf; OpenLogi names what is wrong with the
 * branch the data was meant for. Take the branch with the fewest errors.
 */
function explain(errors: ErrorObject[]): ErrorObject[] {
  const failedOneOf = errors.find((e) => e.keyword === "oneOf" && e.params.passingSchemas === null);
  if (!failedOneOf) return errors;
  const at = failedOneOf.instancePath;
  const rest = errors.filter((e) => e.instancePath !== at && !e.instancePath.startsWith(`${at}/`));
  const branches = (failedOneOf.schema as object[]).map((branch) => {
    const validate = validatorFor(branch);
    validate(failedOneOf.data);
    return (validate.errors ?? []).map((e) => ({ ...e, instancePath: at + e.instancePath }));
  });
  const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
  return explain([...rest, ...best]);
}

function fieldName(e: ErrorObject): string {
  const path = e.instancePath.split("/").filter(Boolean);
  if (e.keyword === "required") path.push(String(e.params.missingProperty));
  return path.join(".") || "body";
}

function japaneseMessage(field: string, e: ErrorObject): string {
  const limit = e.params.limit;
  switch (e.keyword) {
    case "required":
      return `${field}は必須です。`;
    case "maxLength":
      return `${field}は${limit}文字以下で指定してください。`;
    case "minLength":
      return `${field}は${limit}文字以上で指定してください。`;
    case "maximum":
      return `${field}は${limit}以下で指定してください。`;
    case "minimum":
      return `${field}は${limit}以上で指定してください。`;
    case "maxItems":
      return `${field}は${limit}件以下で指定してください。`;
    case "minItems":
      return `${field}は${limit}件以上で指定してください。`;
    case "enum":
      return `選択された${field}は正しくありません。`;
    case "type":
      return `${field}の型が正しくありません（${e.params.type}）。`;
    case "pattern":
    case "format":
      return `${field}の形式が正しくありません。`;
    case "oneOf":
      return `${field}の形式を判別できません（複数の形式に一致します）。`;
    default:
      return `${field}は正しくありません。`;
  }
}

function fieldErrors(errors: ErrorObject[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of explain(errors)) {
    const field = fieldName(e);
    out[field] ??= japaneseMessage(field, e);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The double
// ---------------------------------------------------------------------------

export type SeedShipment = Partial<ShipmentResponse> & { status: ShipmentStatus };

export interface RecordedRequest {
  method: string;
  /** Path below /api, e.g. "/shipments/TS001-S000001". */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** The double's clock when the request arrived. */
  time: number;
  /** What the double answered. */
  status?: number;
}

/**
 * A gate for requests in flight: a request matched by a rule with this hold waits,
 * unanswered, until the test calls `release()`. Tests await `arrived` and `handled`
 * instead of guessing how long anything takes.
 */
export class Hold {
  /** Settles with the held request once it has reached the double. */
  readonly arrived: Promise<RecordedRequest>;
  /** Settles with the request once the double has answered it (its change, if any, made). */
  readonly handled: Promise<RecordedRequest>;
  private readonly released: Promise<void>;
  private arrive!: (request: RecordedRequest) => void;
  private answer!: (request: RecordedRequest) => void;
  release!: () => void;

  constructor() {
    this.arrived = new Promise((resolve) => (this.arrive = resolve));
    this.handled = new Promise((resolve) => (this.answer = resolve));
    this.released = new Promise((resolve) => (this.release = resolve));
  }

  /** The double's side: wait at the gate. */
  async wait(request: RecordedRequest): Promise<void> {
    this.arrive(request);
    await this.released;
  }

  /** The double's side: the answer has been sent. */
  done(request: RecordedRequest): void {
    this.answer(request);
  }
}

export interface FailureRule {
  /** "GET", "PUT", …; any method when left out. */
  method?: string;
  /** Matched against the path below /api: a string must be equal, a RegExp must match. */
  path?: string | RegExp;
  /** How many matching requests fail; 1 when left out. */
  times?: number;
  /**
   * 500: JSON internal_server_error, nothing done. 503: maintenance page in HTML, nothing done.
   * 504: the change IS applied, then the gateway gives up. 401/402/403/422/429: forced answers.
   * 500 when neither `status` nor `hold` is given.
   */
  status?: 401 | 402 | 403 | 422 | 429 | 500 | 503 | 504;
  /** Keeps the request waiting until `hold.release()`; it is then handled as usual (or as `status` says). */
  hold?: Hold;
  /** The 504's body: empty (the default) or a gateway's HTML page. */
  body?: "empty" | "html";
  /** OpenLogi's body for a forced 4xx; a realistic one when left out. */
  error?: { error: string; error_description?: string; errors?: Record<string, string> };
  /** Sends Retry-After with a forced 429. */
  retryAfterSeconds?: number;
}

export interface OpenLogiDoubleOptions {
  /** Token → account codes it owns. */
  tokens?: Record<string, string[]>;
  /** Epoch ms; drives the rate window and the request log. */
  clock?: () => number;
  /** Requests a token may make in any rolling minute (OpenLogi: 60). */
  rateLimitPerMinute?: number;
}

export interface OpenLogiDouble {
  /** Base URL, like https://api.openlogi.com/api. */
  url: string;
  tokens: Record<string, string[]>;
  /** Stores shipments (each must be contract-valid) under `account`; returns them with ids. */
  seed(shipments: SeedShipment[], options?: { account?: string }): ShipmentResponse[];
  get(id: string): ShipmentResponse | undefined;
  all(): ShipmentResponse[];
  readonly requests: RecordedRequest[];
  failNext(rule: FailureRule): void;
  setRateLimit(perMinute: number): void;
  /** The warehouse moves on: the shipment takes `status` now (picking begins, it is packed…). */
  setStatus(id: string, status: ShipmentStatus): void;
  /**
   * The warehouse moves on between the app's read and its write: right after the next
   * answer (list or single GET) that shows shipment `id`, it takes `status`.
   */
  moveOnAfterRead(id: string, status: ShipmentStatus): void;
  /** The warehouse carried out a cancel request: OpenLogi no longer lists the shipment. */
  remove(id: string): void;
  /** Units of `code` in stock; a code never set is always in stock. */
  setStock(code: string, units: number): void;
  /** Answers the double would have sent that break the contract: a bug in the double or its seed. */
  readonly selfErrors: string[];
  reset(): void;
  /** Stops the server; rejects if the double ever broke the contract itself. */
  close(): Promise<void>;
}

interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
  /** Which operation's response schema the JSON must satisfy. */
  operation?: OperationId;
}

interface StoredShipment {
  account: string;
  data: ShipmentResponse;
}

interface Incoming {
  method: string;
  path: string;
  url: URL;
  headers: IncomingMessage["headers"];
  rawBody: string;
}

const OPEN_STATUSES: ReadonlySet<string> = new Set(["backordered", "waiting", "allocating", "suspended"]);
const REQUESTABLE_STATUSES: ReadonlySet<string> = new Set(["picking", "picked", "working", "packed", "shipped"]);
// A pending modification can still be followed by a cancellation (SPEC.md: modify_request → as CONFIRMED).
const CANCELLABLE_STATUSES: ReadonlySet<string> = new Set([...REQUESTABLE_STATUSES, "modify_request"]);
/** OpenLogi's screen names for each status (出荷依頼のステータス). */
export const STATUS_LABELS: Record<ShipmentStatus, string> = {
  backordered: "入荷待ち",
  allocating: "引当中",
  waiting: "引当済",
  working: "作業中",
  picking: "ピッキング中",
  picked: "ピッキング済",
  packed: "梱包済",
  shipped: "出荷済",
  suspended: "保留",
  modify_request: "変更依頼中",
  cancel_request: "キャンセル依頼中",
};

const MAINTENANCE_HTML = "<html><head><title>503</title></head><body>ただいま、メンテナンス中です</body></html>";
const GATEWAY_TIMEOUT_HTML =
  "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>";

const FORCED_ERRORS: Record<number, { error: string; error_description: string }> = {
  401: {
    error: "unauthorized",
    error_description: "アクセストークンが無効です。トークン値の確認または再発行をお願いします。",
  },
  402: { error: "payment_required", error_description: "ご利用するにはお支払い方法の登録が必要になります。" },
  403: { error: "forbidden", error_description: "指定のAPIアクセストークンでは許可されていないリクエストです。" },
  422: { error: "validation_failed", error_description: "入力内容に誤りがあります。" },
  429: { error: "Too Many Attempts.", error_description: "Too Many Attempts." },
  500: { error: "internal_server_error", error_description: "OPENLOGI APIシステムに問題が発生しています。" },
};

const error = (status: number, code: string, description: string, extra: object = {}): Reply => ({
  status,
  json: { error: code, error_description: description, ...extra },
});
const notFound = () => error(404, "not_found", "リクエストしているリソースがありません。");
const validationFailed = (errors: Record<string, string>) =>
  error(422, "validation_failed", "入力内容に誤りがあります。", { errors });

export async function startOpenLogiDouble(options: OpenLogiDoubleOptions = {}): Promise<OpenLogiDouble> {
  const tokens = options.tokens ?? { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] };
  const clock = options.clock ?? Date.now;
  let rateLimit = options.rateLimitPerMinute ?? 60;

  const shipments = new Map<string, StoredShipment>();
  const requests: RecordedRequest[] = [];
  const rules: FailureRule[] = [];
  const hits = new Map<string, number[]>();
  const stock = new Map<string, number>();
  /** Status changes that happen right after the next read showing the shipment. */
  const afterRead = new Map<string, ShipmentStatus>();
  const selfErrors: string[] = [];
  let sequence = 0;

  /** Rolling one-minute window per bearer token, counted before anything else. */
  function pace(authorization: string): { allowed: boolean; headers: Record<string, string> } {
    const now = clock();
    const window = (hits.get(authorization) ?? []).filter((time) => time > now - 60_000);
    const allowed = window.length < rateLimit;
    if (allowed) window.push(now);
    hits.set(authorization, window);
    return {
      allowed,
      headers: {
        "X-RateLimit-Limit": String(rateLimit),
        "X-RateLimit-Remaining": String(Math.max(0, rateLimit - window.length)),
      },
    };
  }

  function takeRule(method: string, path: string): FailureRule | undefined {
    const index = rules.findIndex(
      (rule) =>
        (!rule.method || rule.method.toUpperCase() === method) &&
        (!rule.path || (typeof rule.path === "string" ? rule.path === path : rule.path.test(path)))
    );
    if (index < 0) return undefined;
    const rule = rules[index];
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) rules.splice(index, 1);
    return rule;
  }

  function forced(rule: FailureRule): Reply {
    if (rule.status === 503) return { status: 503, html: MAINTENANCE_HTML };
    const status = rule.status!;
    const body = rule.error ?? FORCED_ERRORS[status];
    const headers: Record<string, string> = {};
    if (status === 429 && rule.retryAfterSeconds !== undefined) headers["Retry-After"] = String(rule.retryAfterSeconds);
    return { status, json: status === 500 && !rule.error ? { error: "internal_server_error" } : body, headers };
  }

  function route(request: Incoming): { operation: OperationId; target: string } | undefined {
    const segments = request.path.split("/").filter(Boolean).map(decodeURIComponent);
    if (segments[0] === "shipments" && segments.length === 1 && request.method === "GET") {
      return { operation: "listShipmentsById", target: "" };
    }
    if (segments[0] !== "shipments" || !segments[1]) return undefined;
    const target = segments[1];
    if (segments.length === 2) {
      // GET /shipments/{id} and GET /shipments/{account_id} share a path: `identifier` tells them apart.
      if (request.method === "GET") {
        return { operation: request.url.searchParams.has("identifier") ? "listShipments" : "getShipment", target };
      }
      if (request.method === "PUT") return { operation: "putShipment", target };
      if (request.method === "DELETE") return { operation: "deleteShipment", target };
    }
    if (segments.length === 3 && request.method === "POST") {
      if (segments[2] === "cancel") return { operation: "cancelShipment", target };
      if (segments[2] === "modify") return { operation: "modifyShipment", target };
    }
    return undefined;
  }

  /** Declared parameters must be there. DELETE/modify/cancel declare `id` in the query: it must match the path. */
  function checkParameters(operationId: OperationId, request: Incoming, target: string): Reply | undefined {
    const errors: Record<string, string> = {};
    for (const parameter of operation(operationId).parameters ?? []) {
      if (parameter.in !== "query") continue;
      const value = request.url.searchParams.get(parameter.name);
      if (parameter.required && (value === null || value === ""))
        errors[parameter.name] = `${parameter.name}は必須です。`;
      else if (parameter.name === "id" && operationId !== "listShipmentsById" && value !== target) {
        errors.id = "idがURLの出荷IDと一致しません。";
      }
    }
    return Object.keys(errors).length > 0 ? validationFailed(errors) : undefined;
  }

  /**
   * The body as Laravel would read it: JSON when sent as JSON, otherwise nothing.
   * A JSON syntax error is a 422 (the error table: 「JSON構文に誤りがある」).
   */
  function readJsonBody(request: Incoming): { body: unknown } | { reply: Reply } {
    if (request.rawBody.trim() === "") return { body: {} };
    if (!/\bjson\b/i.test(request.headers["content-type"] ?? "")) return { body: {} };
    try {
      return { body: JSON.parse(request.rawBody) };
    } catch {
      return { reply: validationFailed({ body: "JSON構文に誤りがあります。" }) };
    }
  }

  function checkBody(operationId: OperationId, body: unknown): Reply | undefined {
    const schema = requestBodySchema(operationId);
    if (!schema) return undefined;
    const validate = validatorFor(schema);
    return validate(body) ? undefined : validationFailed(fieldErrors(validate.errors ?? []));
  }

  /**
   * What OpenLogi checks beyond the schema: a cash-on-delivery shipment names what to
   * collect (代金引換総計), and an item short of stock is refused unless the request allows
   * a backorder (出荷予約), for the shipment or for that item. Without a stock level set,
   * what the shipment shows as backordered (入荷待ち) is short.
   */
  function checkPutRules(body: Record<string, unknown>, current: ShipmentResponse): { reply?: Reply; short: Set<string> } {
    if (body.cash_on_delivery === true && typeof body.total_for_cash_on_delivery !== "number") {
      return { reply: validationFailed({ total_for_cash_on_delivery: "代金引換の場合、代金引換総計は必須です。" }), short: new Set() };
    }
    const short = new Set<string>();
    const errors: Record<string, string> = {};
    (body.items as Record<string, unknown>[]).forEach((item, i) => {
      const code = String(item.code);
      const units = stock.get(code);
      if (units === undefined ? !shownShort(current, code) : units >= Number(item.quantity)) return;
      if (body.backorder_if_unavailable === true || item.backorder_if_unavailable === true) short.add(code);
      else errors[`items.${i}.quantity`] = `商品「${code}」の在庫が不足しています。`;
    });
    return Object.keys(errors).length > 0 ? { reply: validationFailed(errors), short } : { short };
  }

  function shownShort(shipment: ShipmentResponse, code: string): boolean {
    const items = shipment.items ?? [];
    const flagged = items.filter((item) => item.backordered === true);
    if (flagged.length > 0) return flagged.some((item) => item.code === code);
    return shipment.status === "backordered";
  }

  function refused(status: ShipmentStatus, action: string): Reply {
    return error(400, "api_exception", `ステータスが「${STATUS_LABELS[status]}」の出荷依頼は${action}できません。`);
  }

  function handle(operationId: OperationId, target: string, request: Incoming, accounts: string[]): Reply {
    const parameterError = checkParameters(operationId, request, target);

    if (operationId === "listShipments") {
      if (!accounts.includes(target))
        return error(403, "forbidden", "指定のアカウントへのアクセスは許可されていません。");
      if (parameterError) return parameterError;
      const keys = (request.url.searchParams.get("identifier") ?? "").split(",").filter((key) => key !== "");
      if (keys.length > 100) return validationFailed({ identifier: "identifierは100件以下で指定してください。" });
      const wanted = new Set(keys);
      // A shipment without an identifier answers to its order_no (the `identifier` parameter's description).
      const found = [...shipments.values()]
        .filter(({ account }) => account === target)
        .map(({ data }) => data)
        .filter((data) =>
          data.identifier ? wanted.has(data.identifier) : !!data.order_no && wanted.has(data.order_no)
        );
      return { status: 200, json: { shipments: found }, operation: operationId };
    }

    if (operationId === "listShipmentsById") {
      if (parameterError) return parameterError;
      const ids = (request.url.searchParams.get("id") ?? "").split(",").filter((id) => id !== "");
      if (ids.length > 100) return validationFailed({ id: "idは100件以下で指定してください。" });
      // Without ids OpenLogi lists every shipment not yet shipped; with ids, shipped ones too.
      // Another account's shipment is not the token's to see: it is left out, like one that is gone.
      const found = ids.length > 0
        ? ids.flatMap((id) => {
            const stored = shipments.get(id);
            return stored && accounts.includes(stored.account) ? [stored.data] : [];
          })
        : [...shipments.values()].filter(({ account, data }) => accounts.includes(account) && data.status !== "shipped").map(({ data }) => data);
      return { status: 200, json: { shipments: found }, operation: operationId };
    }

    const stored = shipments.get(target);
    if (!stored) return notFound();
    if (!accounts.includes(stored.account))
      return error(403, "forbidden", "指定のAPIアクセストークンでは許可されていないリクエストです。");
    if (parameterError) return parameterError;
    const shipment = stored.data;
    const status = shipment.status!;

    if (operationId === "getShipment") return { status: 200, json: shipment, operation: operationId };

    const parsed = readJsonBody(request);
    if ("reply" in parsed) return parsed.reply;
    const bodyError = checkBody(operationId, parsed.body);
    if (bodyError) return bodyError;

    switch (operationId) {
      case "putShipment": {
        if (!OPEN_STATUSES.has(status)) return refused(status, "更新");
        const body = parsed.body as Record<string, unknown>;
        const rules = checkPutRules(body, shipment);
        if (rules.reply) return rules.reply;
        // PUT replaces the request: whatever is not sent is gone. Only OpenLogi's own fields stay.
        const kept = Object.fromEntries(
          SERVER_OWNED_FIELDS.filter((name) => name in shipment).map((name) => [name, (shipment as any)[name]])
        );
        const nextStatus: ShipmentStatus =
          body.suspend === true ? "suspended" : rules.short.size > 0 ? "backordered" : "waiting";
        // Item ids and the backorder flag are OpenLogi's: requests carry neither, answers show both.
        const items = (body.items as Record<string, unknown>[]).map((item, i) => ({
          ...item,
          id: `${shipment.id}-I${i + 1}`,
          backordered: rules.short.has(String(item.code)),
        }));
        const { backorder_if_unavailable: _flag, ...rest } = body;
        stored.data = { ...kept, ...rest, items, id: shipment.id, status: nextStatus } as ShipmentResponse;
        return { status: 200, json: stored.data, operation: operationId };
      }
      case "deleteShipment":
        if (!OPEN_STATUSES.has(status)) return refused(status, "削除");
        shipments.delete(target);
        return { status: 200, json: shipment, operation: operationId };
      case "cancelShipment":
        if (!CANCELLABLE_STATUSES.has(status)) return refused(status, "キャンセルリクエスト");
        stored.data = { ...shipment, status: "cancel_request" };
        return { status: 200, json: stored.data, operation: operationId };
      case "modifyShipment": {
        if (!REQUESTABLE_STATUSES.has(status)) return refused(status, "修正リクエスト");
        // The schema requires `identifier` without typing it; OpenLogi names shipments by a string.
        const { identifier } = parsed.body as { identifier?: unknown };
        if (typeof identifier !== "string" || identifier === "") {
          return validationFailed({ identifier: "identifierは文字列で指定してください。" });
        }
        // OpenLogi's staff apply the change by hand later; the shipment only shows the request.
        stored.data = { ...shipment, status: "modify_request" };
        return { status: 200, json: stored.data, operation: operationId };
      }
    }
  }

  interface Answer {
    reply: Reply;
    paceHeaders: Record<string, string>;
    /** The hold the request waited at, told once the answer is sent. */
    hold?: Hold;
  }

  async function answer(request: Incoming, record: RecordedRequest): Promise<Answer> {
    const { allowed, headers: paceHeaders } = pace(String(request.headers.authorization ?? ""));
    if (!allowed) return { reply: { status: 429, json: FORCED_ERRORS[429] }, paceHeaders };

    const rule = takeRule(request.method, request.path);
    const hold = rule?.hold;
    await hold?.wait(record);
    if (rule?.status && rule.status !== 504) return { reply: forced(rule), paceHeaders, hold };

    let reply: Reply;
    const matched = route(request);
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
    if (!matched) reply = notFound();
    else if (!bearer || !tokens[bearer]) reply = error(401, "unauthorized", FORCED_ERRORS[401].error_description);
    else if (request.headers["x-api-version"] !== "1.5") {
      reply = error(400, "api_exception", "X-Api-Versionヘッダーに対応するバージョン（1.5）を指定してください。");
    } else reply = handle(matched.operation, matched.target, request, tokens[bearer]);
    reply.operation ??= matched?.operation;

    // 504 after the work: the change above is applied, then the gateway gives up.
    if (rule?.status === 504)
      reply = rule.body === "html" ? { status: 504, html: GATEWAY_TIMEOUT_HTML } : { status: 504 };
    return { reply, paceHeaders, hold };
  }

  /** The double must never send what OpenLogi's contract does not allow. */
  function checkReply(reply: Reply, request: Incoming): Reply {
    if (reply.json === undefined) return reply;
    const schema = reply.operation ? responseSchema(reply.operation, reply.status) : GENERIC_ERROR_SCHEMA;
    const validate = validatorFor(schema);
    if (validate(reply.json)) return reply;
    selfErrors.push(
      `${request.method} ${request.path} → ${reply.status} breaks the contract: ${ajv.errorsText(validate.errors)}`
    );
    return { status: 500, json: { error: "double_invalid_response" } };
  }

  const server = createServer((req, res) => {
    void serve(req, res).catch((e: unknown) => {
      selfErrors.push(`double crashed: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://openlogi.double");
    const onApi = url.pathname === "/api" || url.pathname.startsWith("/api/");
    const request: Incoming = {
      method: req.method ?? "GET",
      path: onApi ? url.pathname.slice(4) : url.pathname,
      url,
      headers: req.headers,
      rawBody: Buffer.concat(chunks).toString("utf8"),
    };
    const record: RecordedRequest = {
      method: request.method,
      path: request.path,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: parseForLog(request.rawBody),
      time: clock(),
    };
    requests.push(record);

    const answered: Answer = onApi ? await answer(request, record) : { reply: notFound(), paceHeaders: {} };
    const reply = checkReply(answered.reply, request);
    record.status = reply.status;
    if (reply.status === 200 && (reply.operation === "listShipments" || reply.operation === "listShipmentsById" || reply.operation === "getShipment")) {
      const shown = reply.operation === "listShipments" || reply.operation === "listShipmentsById" ? (reply.json as { shipments: ShipmentResponse[] }).shipments : [reply.json as ShipmentResponse];
      for (const { id } of shown) {
        const next = afterRead.get(id);
        const stored = shipments.get(id);
        if (next === undefined || !stored) continue;
        afterRead.delete(id);
        stored.data = withStatus(stored.data, next);
      }
    }
    const headers = { ...answered.paceHeaders, ...reply.headers };
    if (reply.json !== undefined) {
      res.writeHead(reply.status, { ...headers, "Content-Type": "application/json" }).end(JSON.stringify(reply.json));
    } else if (reply.html !== undefined) {
      res.writeHead(reply.status, { ...headers, "Content-Type": "text/html; charset=UTF-8" }).end(reply.html);
    } else {
      res.writeHead(reply.status, { ...headers, "Content-Length": "0" }).end();
    }
    answered.hold?.done(record);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api`,
    tokens,
    seed(list, { account = Object.values(tokens)[0]?.[0] ?? DOUBLE_ACCOUNT } = {}) {
      return list.map((input) => {
        // Generated ids start at S900001 so they never meet buildShipment()'s.
        const id = input.id ?? `${account}-S${900_000 + ++sequence}`;
        const data = structuredClone({ ...input, id });
        const validate = schemaNamed("GetShipmentResponse");
        if (!validate(data))
          throw new Error(`seeded shipment ${id} breaks the contract: ${ajv.errorsText(validate.errors)}`);
        shipments.set(id, { account, data: data as ShipmentResponse });
        return structuredClone(data as ShipmentResponse);
      });
    },
    get: (id) => {
      const stored = shipments.get(id);
      return stored ? structuredClone(stored.data) : undefined;
    },
    all: () => [...shipments.values()].map(({ data }) => structuredClone(data)),
    get requests() {
      return requests;
    },
    failNext(rule) {
      // A rule that names neither a status nor a hold is a plain 500.
      rules.push({ ...rule, status: rule.status ?? (rule.hold ? undefined : 500) });
    },
    setRateLimit(perMinute) {
      rateLimit = perMinute;
    },
    setStatus(id, status) {
      const stored = shipments.get(id);
      if (!stored) throw new Error(`openlogi-double: no shipment ${id}`);
      stored.data = withStatus(stored.data, status);
    },
    moveOnAfterRead(id, status) {
      afterRead.set(id, status);
    },
    remove(id) {
      if (!shipments.delete(id)) throw new Error(`openlogi-double: no shipment ${id}`);
    },
    setStock(code, units) {
      stock.set(code, units);
    },
    get selfErrors() {
      return selfErrors;
    },
    reset() {
      shipments.clear();
      requests.length = 0;
      rules.length = 0;
      hits.clear();
      stock.clear();
      afterRead.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      if (selfErrors.length > 0) throw new Error(`the OpenLogi double broke its contract:\n${selfErrors.join("\n")}`);
    },
  };
}

/** A shipment as OpenLogi shows it in `status`: on hold (保留) exactly when suspended. */
function withStatus(shipment: ShipmentResponse, status: ShipmentStatus): ShipmentResponse {
  return { ...shipment, status, suspend: status === "suspended" };
}

function parseForLog(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
