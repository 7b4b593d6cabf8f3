/**
 * A stand-in for Shopify's Admin GraphQL API: a real HTTP server on 127.0.0.1 that
 * parses, validates and executes every query with graphql-js against the real Admin
 * schema (2026-07), over orders the test seeds. A query with a misspelled field, a
 * missing argument or a wrong variable type fails here as it would at Shopify.
 *
 * What it answers like Shopify does:
 * - POST /admin/api/2026-07/graphql.json, authenticated by `X-Shopify-Access-Token`
 *   (unknown or missing → 401 `{"errors":"[API] Invalid API key or access token …"}`).
 * - validation errors: HTTP 200, `{ errors: [...] }` and no `data`.
 * - queries whose requested cost exceeds 1,000 points: `MAX_COST_EXCEEDED`.
 * - `extensions.cost` on every executed response; `THROTTLED` on cue, or (given a clock) when
 *   the shop's bucket, which restores 100 points a second, holds less than the query asks.
 *   https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 * - connections with `nodes`, `edges { cursor node }` and `pageInfo`, honouring
 *   `first`/`after`, `last`/`before` and `reverse`, at most 250 a page.
 *
 * QueryRoot `order`, `orders`, `fulfillmentOrder`, `node`, `shop`, `location` and `locations` have data
 * (the shop's time zone and locations come from `shops`); every other field
 * resolves from the seeded plain objects, so a field the fixture lacks is null (or an
 * error when the schema says non-null), as a missing resolver would be.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  execute,
  getNamedType,
  GraphQLError,
  isLeafType,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { DeliveryMethodType, FulfillmentOrderStatus } from "../../app/sync/types";
import { loadAdminSchema } from "../helpers/admin-schema";

export const DOUBLE_API_VERSION = "2026-07";
/** Shopify's single-query limit. */
export const MAX_QUERY_COST = 1000;
const MAX_PAGE_SIZE = 250;
/** Shopify's bucket for a Plus shop; a Standard shop restores 100 points a second. */
const BUCKET = { maximumAvailable: 2000, restoreRate: 100 };

export const INVALID_TOKEN_BODY = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
};

// ---------------------------------------------------------------------------
// Fixtures: the Admin schema's field names, flattened where the schema nests.

export interface AdminMailingAddressFixture {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  /** The `CountryCode` enum, e.g. "JP". */
  countryCodeV2: string | null;
  phone: string | null;
}

/** One line of the order, as it stands after every edit. */
export interface AdminLineItemFixture {
  /** "gid://shopify/LineItem/…" */
  id: string;
  /** The SKU recorded on the order's line item. */
  sku: string | null;
  /** Product title, with " - variant" when there is a variant. */
  name: string;
  /** Units ordered, edits' removals included; defaults to `currentQuantity`. */
  quantity?: number;
  /** Units ordered, less removed and refunded ones. */
  currentQuantity: number;
  /** False for digital goods and gift cards; true when left out. */
  requiresShipping?: boolean;
  /** Unit price before discounts, as Shopify's Decimal string, e.g. "3980.0". */
  unitPrice?: string;
  /** The line's tax rates, e.g. [0.1]; none when left out. */
  taxRates?: number[];
}

export interface AdminFulfillmentOrderLineItemFixture {
  id: string;
  /** The order line this fulfillment order line ships. */
  lineItemId: string;
  /** FulfillmentOrderLineItem.sku; defaults to the order line's SKU. */
  sku?: string | null;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface AdminFulfillmentOrderFixture {
  id: string;
  status: FulfillmentOrderStatus;
  /** GID of `assignedLocation.location`; null when that location was deleted. */
  locationId: string | null;
  locationName?: string;
  /** `deliveryMethod.methodType`; no delivery method on record when null. */
  deliveryMethod: DeliveryMethodType | null;
  lineItems: AdminFulfillmentOrderLineItemFixture[];
}

/** The order's current figures as Decimal strings, in the presentment currency. */
export interface AdminOrderAmountsFixture {
  currency: string;
  taxesIncluded: boolean;
  subtotal: string;
  discounts: string;
  shipping: string;
  tax: string;
  total: string;
  outstanding: string;
}

export interface AdminOrderFixture {
  /** "gid://shopify/Order/…" */
  id: string;
  /** Defaults to the number at the end of `id`. */
  legacyResourceId?: string;
  name: string;
  number: number;
  /** Defaults to {@link DEFAULT_CREATED_AT}, before any test's clock. */
  createdAt?: string;
  updatedAt: string;
  cancelledAt: string | null;
  email: string | null;
  shippingAddress: AdminMailingAddressFixture | null;
  amounts: AdminOrderAmountsFixture;
  lineItems: AdminLineItemFixture[];
  fulfillmentOrders: AdminFulfillmentOrderFixture[];
}

// ---------------------------------------------------------------------------
// Failure injection and the request log.

export type AdminApiFailure =
  /** HTTP 200 with the GraphQL `THROTTLED` error and the bucket's state. */
  | { kind: "throttled"; currentlyAvailable?: number }
  /** HTTP 429, optionally with `Retry-After` (seconds). */
  | { kind: "http429"; retryAfterSeconds?: number }
  | { kind: "server"; status?: number }
  | { kind: "unauthorized" }
  | { kind: "forbidden" }
  /** The connection is closed without an answer. */
  | { kind: "drop" };

export interface AdminApiRequestLogEntry {
  /** The shop the token belongs to; null when the token was not recognised. */
  shop: string | null;
  apiVersion: string;
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** HTTP status answered; -1 when the connection was dropped on cue. */
  status: number;
  /** The query's requested cost, when it was executed (or throttled for it). */
  cost?: number;
  /** What Shopify would charge after running it: connections count the nodes they returned. */
  actualCost?: number;
}

export interface AdminApiDouble {
  /** Origin such as "http://127.0.0.1:54321": pass it as the client's `origin`. */
  url: string;
  /** Every request received, in order. */
  requests: AdminApiRequestLogEntry[];
  setOrder(shop: string, order: AdminOrderFixture): void;
  /** Shallow-merges `patch` into the seeded order. */
  updateOrder(shop: string, id: string, patch: Partial<AdminOrderFixture>): void;
  /** Answers the next `times` requests (default 1) with `failure` instead of executing them. */
  failNext(failure: AdminApiFailure, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

/** One of the shop's locations. */
export interface AdminLocationFixture {
  /** "gid://shopify/Location/…" */
  id: string;
  name: string;
  /** False for a deactivated location; true when left out. */
  isActive?: boolean;
  /** A fulfilment service's own location. */
  isFulfillmentService?: boolean;
}

export interface AdminShopFixture {
  /** Shop.ianaTimezone; "Asia/Tokyo" when left out. */
  ianaTimezone?: string;
  locations?: AdminLocationFixture[];
}

export interface AdminApiDoubleOptions {
  /** shop domain → offline access token. */
  accessTokens: Record<string, string>;
  /** shop domain → its time zone and locations. */
  shops?: Record<string, AdminShopFixture>;
  /**
   * Epoch ms. Given, each shop's bucket is kept as Shopify keeps it: a query costs its
   * requested points, the bucket restores `restoreRate` a second, and a query asking more than
   * it holds is `THROTTLED`. Left out, every query finds the bucket full less its own cost.
   */
  clock?: () => number;
}

export const DEFAULT_CREATED_AT = "2026-01-01T00:00:00Z";

export async function startAdminApiDouble(options: AdminApiDoubleOptions): Promise<AdminApiDouble> {
  const schema = loadAdminSchema();
  const shopByToken = new Map(Object.entries(options.accessTokens).map(([shop, token]) => [token, shop]));
  const orders = new Map<string, Map<string, AdminOrderFixture>>();
  const failures: AdminApiFailure[] = [];
  const requests: AdminApiRequestLogEntry[] = [];
  const buckets = new Map<string, { available: number; at: number }>();

  /** Points the shop's bucket holds now; the maximum when the double keeps no buckets. */
  function bucketNow(shop: string): number {
    if (!options.clock) return BUCKET.maximumAvailable;
    const now = options.clock();
    const bucket = buckets.get(shop) ?? { available: BUCKET.maximumAvailable, at: now };
    const available = Math.min(BUCKET.maximumAvailable, bucket.available + ((now - bucket.at) / 1000) * BUCKET.restoreRate);
    buckets.set(shop, { available, at: now });
    return available;
  }

  const ordersOf = (shop: string) => {
    let shopOrders = orders.get(shop);
    if (!shopOrders) orders.set(shop, (shopOrders = new Map()));
    return shopOrders;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { errors: String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const match = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const token = req.headers["x-shopify-access-token"];
    const shop = typeof token === "string" ? (shopByToken.get(token) ?? null) : null;

    let payload: { query?: unknown; variables?: unknown; operationName?: unknown } = {};
    try {
      payload = body ? (JSON.parse(body) as typeof payload) : {};
    } catch {
      payload = {};
    }
    const query = typeof payload.query === "string" ? payload.query : "";
    const variables =
      payload.variables && typeof payload.variables === "object"
        ? (payload.variables as Record<string, unknown>)
        : {};
    const operationName = typeof payload.operationName === "string" ? payload.operationName : null;
    const entry: AdminApiRequestLogEntry = {
      shop,
      apiVersion: match?.[1] ?? "",
      query,
      operationName,
      variables,
      status: 0,
    };
    requests.push(entry);
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      send(res, status, json, headers);
    };

    if (req.method !== "POST" || !match) return reply(404, { errors: "Not Found" });
    // The double holds only the 2026-07 schema; a client on another version is a bug.
    if (match[1] !== DOUBLE_API_VERSION) return reply(404, { errors: "Not Found" });
    if (shop === null) return reply(401, INVALID_TOKEN_BODY);

    const failure = failures.shift();
    if (failure) {
      switch (failure.kind) {
        case "unauthorized":
          return reply(401, INVALID_TOKEN_BODY);
        case "forbidden":
          return reply(403, { errors: "Forbidden" });
        case "server":
          return reply(failure.status ?? 500, { errors: "Internal Server Error" });
        case "http429":
          return reply(
            429,
            { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
            failure.retryAfterSeconds === undefined ? {} : { "Retry-After": String(failure.retryAfterSeconds) },
          );
        case "drop":
          entry.status = -1;
          req.socket.destroy();
          return;
        case "throttled":
          break;
        default:
          failure satisfies never;
      }
    }

    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return reply(200, { errors: [toShopifyError(error as GraphQLError)] });
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length > 0) {
      return reply(200, { errors: validationErrors.map(toShopifyError) });
    }

    const requestedQueryCost = estimateQueryCost(schema, document, operationName, variables);
    if (requestedQueryCost > MAX_QUERY_COST) {
      return reply(200, {
        errors: [
          {
            message: `Query cost is ${requestedQueryCost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requestedQueryCost, maxCost: MAX_QUERY_COST },
          },
        ],
      });
    }
    entry.cost = requestedQueryCost;
    const available = bucketNow(shop);
    if (failure?.kind === "throttled" || requestedQueryCost > available) {
      const currentlyAvailable = failure?.kind === "throttled" ? (failure.currentlyAvailable ?? 0) : Math.floor(available);
      return reply(200, {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: {
          cost: {
            requestedQueryCost,
            actualQueryCost: null,
            throttleStatus: { ...BUCKET, currentlyAvailable },
          },
        },
      });
    }

    const result = await execute({
      schema,
      document,
      rootValue: rootFor(ordersOf(shop), options.shops?.[shop] ?? {}),
      variableValues: variables,
      operationName,
    });
    const errors = result.errors?.map((error) => error.toJSON());
    const actualQueryCost = actualCost(schema, document, operationName, result.data ?? null);
    entry.actualCost = actualQueryCost;
    // Shopify takes the requested cost up front and refunds the difference once the query ran.
    if (options.clock) buckets.set(shop, { available: available - actualQueryCost, at: options.clock() });
    reply(200, {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(errors ? { errors } : {}),
      extensions: {
        cost: {
          requestedQueryCost,
          actualQueryCost,
          throttleStatus: { ...BUCKET, currentlyAvailable: Math.floor(available - actualQueryCost) },
        },
      },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setOrder(shop, order) {
      ordersOf(shop).set(order.id, structuredClone(order));
    },
    updateOrder(shop, id, patch) {
      const current = ordersOf(shop).get(id);
      if (!current) throw new Error(`admin-api-double: no order ${id} seeded for ${shop}`);
      ordersOf(shop).set(id, { ...current, ...structuredClone(patch) });
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    reset() {
      orders.clear();
      buckets.clear();
      failures.length = 0;
      requests.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

// ---------------------------------------------------------------------------
// Responses.

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(json));
}

/**
 * Shopify runs graphql-ruby, whose wording differs from graphql-js; the two errors a
 * typo produces most often are rewritten to graphql-ruby's message and code.
 */
function toShopifyError(error: GraphQLError): Record<string, unknown> {
  const json: Record<string, unknown> = { ...error.toJSON() };
  const field = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(error.message);
  if (field) {
    const [, fieldName, typeName] = field;
    return {
      ...json,
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: "undefinedField", typeName, fieldName },
    };
  }
  const argument = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./.exec(error.message);
  if (argument) {
    const [, argumentName, , fieldName] = argument;
    return {
      ...json,
      message: `Field '${fieldName}' doesn't accept argument '${argumentName}'`,
      extensions: { code: "argumentNotAccepted", name: fieldName, typeName: "Field", argumentName },
    };
  }
  return json;
}

// ---------------------------------------------------------------------------
// Data: plain objects whose function-valued fields graphql-js's default resolver calls.

type ConnectionArgs = {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  query?: string | null;
};

const encodeCursor = (index: number) => Buffer.from(`double:${index}`).toString("base64");

function decodeCursor(cursor: string): number {
  const match = /^double:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw new GraphQLError(`Invalid cursor for pagination: ${cursor}`);
  return Number(match[1]);
}

function connection<T>(items: T[], args: ConnectionArgs) {
  if (args.query != null) {
    throw new GraphQLError("admin-api-double does not implement the `query` argument");
  }
  const { first, last } = args;
  if (first == null && last == null) {
    throw new GraphQLError("you must provide one of first or last");
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`The argument \`${name}\` must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  const ordered = items.map((node, index) => ({ node, index }));
  if (args.reverse) ordered.reverse();
  let start = 0;
  let end = ordered.length;
  if (args.after != null) {
    const after = decodeCursor(args.after);
    start = ordered.findIndex((e) => e.index === after) + 1;
  }
  if (args.before != null) {
    const before = decodeCursor(args.before);
    const at = ordered.findIndex((e) => e.index === before);
    end = at === -1 ? end : at;
  }
  let slice = ordered.slice(start, Math.max(start, end));
  const total = slice.length;
  if (first != null) slice = slice.slice(0, first);
  if (last != null) slice = slice.slice(Math.max(0, slice.length - last));
  const edges = slice.map((e) => ({ cursor: encodeCursor(e.index), node: e.node }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: first != null ? total > slice.length : end < ordered.length,
      hasPreviousPage: last != null ? total > slice.length : start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * The orders `query` and `sortKey` the app uses, answered as Shopify does: `updated_at:>'ISO'`
 * (or `>=`) filters; UPDATED_AT sorts by the last change, ID (Shopify's default) by id. Any
 * other search term is refused rather than ignored, so a query the double cannot honour fails.
 */
function ordersMatching(orders: AdminOrderFixture[], args: ConnectionArgs & { sortKey?: string | null }): AdminOrderFixture[] {
  let matching = orders;
  if (args.query != null && args.query.trim() !== "") {
    const term = /^updated_at:(>=?)'?([^']+)'?$/.exec(args.query.trim());
    const since = term ? Date.parse(term[2]) : Number.NaN;
    if (!term || Number.isNaN(since)) {
      throw new GraphQLError(`admin-api-double implements only updated_at:>'ISO 8601' in orders' query, not: ${args.query}`);
    }
    matching = orders.filter((order) => (term[1] === ">=" ? Date.parse(order.updatedAt) >= since : Date.parse(order.updatedAt) > since));
  }
  const byId = (a: AdminOrderFixture, b: AdminOrderFixture) => {
    const [x, y] = [BigInt(a.id.split("/").at(-1)!), BigInt(b.id.split("/").at(-1)!)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  switch (args.sortKey ?? "ID") {
    case "ID":
      return [...matching].sort(byId);
    case "UPDATED_AT":
      return [...matching].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || byId(a, b));
    default:
      throw new GraphQLError(`admin-api-double does not implement orders' sortKey ${args.sortKey}`);
  }
}

/** A MoneyBag in one currency (the double's shops sell in their own currency). */
function moneyBag(amount: string, currencyCode: string) {
  return {
    __typename: "MoneyBag",
    shopMoney: { __typename: "MoneyV2", amount, currencyCode },
    presentmentMoney: { __typename: "MoneyV2", amount, currencyCode },
  };
}

function toLineItem(line: AdminLineItemFixture, currency: string) {
  const title = line.name.split(" - ")[0];
  const money = (amount: string) => moneyBag(amount, currency);
  return {
    __typename: "LineItem",
    id: line.id,
    sku: line.sku,
    name: line.name,
    title,
    quantity: line.quantity ?? line.currentQuantity,
    currentQuantity: line.currentQuantity,
    requiresShipping: line.requiresShipping ?? true,
    originalUnitPriceSet: money(line.unitPrice ?? "0.0"),
    taxLines: (line.taxRates ?? []).map((rate) => ({
      __typename: "TaxLine",
      rate,
      ratePercentage: rate * 100,
      title: "消費税",
      priceSet: money("0.0"),
    })),
  };
}

function toFulfillmentOrderLineItem(
  item: AdminFulfillmentOrderLineItemFixture,
  lines: Map<string, AdminLineItemFixture>,
  currency: string,
) {
  const line = lines.get(item.lineItemId);
  if (!line) throw new GraphQLError(`admin-api-double: fulfillment order line ${item.id} names no line of the order`);
  return {
    __typename: "FulfillmentOrderLineItem",
    id: item.id,
    sku: item.sku === undefined ? line.sku : item.sku,
    remainingQuantity: item.remainingQuantity,
    totalQuantity: item.totalQuantity,
    productTitle: line.name.split(" - ")[0],
    requiresShipping: line.requiresShipping ?? true,
    lineItem: toLineItem(line, currency),
  };
}

function toFulfillmentOrder(fulfillmentOrder: AdminFulfillmentOrderFixture, order: AdminOrderFixture) {
  const name = fulfillmentOrder.locationName ?? "Warehouse";
  const lines = new Map(order.lineItems.map((line) => [line.id, line]));
  return {
    __typename: "FulfillmentOrder",
    id: fulfillmentOrder.id,
    orderId: order.id,
    status: fulfillmentOrder.status,
    requestStatus: "UNSUBMITTED",
    assignedLocation: {
      name,
      countryCode: "JP",
      location: fulfillmentOrder.locationId
        ? { __typename: "Location", id: fulfillmentOrder.locationId, name }
        : null,
    },
    deliveryMethod: fulfillmentOrder.deliveryMethod && {
      __typename: "DeliveryMethod",
      id: `gid://shopify/DeliveryMethod/${fulfillmentOrder.id.split("/").at(-1)}`,
      methodType: fulfillmentOrder.deliveryMethod,
    },
    lineItems: (args: ConnectionArgs) =>
      connection(fulfillmentOrder.lineItems.map((item) => toFulfillmentOrderLineItem(item, lines, order.amounts.currency)), args),
  };
}

function toOrder(order: AdminOrderFixture) {
  const money = (amount: string) => moneyBag(amount, order.amounts.currency);
  return {
    __typename: "Order",
    id: order.id,
    legacyResourceId: order.legacyResourceId ?? order.id.split("/").at(-1),
    name: order.name,
    number: order.number,
    createdAt: order.createdAt ?? DEFAULT_CREATED_AT,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    email: order.email,
    taxesIncluded: order.amounts.taxesIncluded,
    currencyCode: "JPY",
    presentmentCurrencyCode: order.amounts.currency,
    currentSubtotalPriceSet: money(order.amounts.subtotal),
    currentTotalDiscountsSet: money(order.amounts.discounts),
    currentShippingPriceSet: money(order.amounts.shipping),
    currentTotalTaxSet: money(order.amounts.tax),
    currentTotalPriceSet: money(order.amounts.total),
    totalOutstandingSet: money(order.amounts.outstanding),
    shippingAddress: order.shippingAddress && {
      __typename: "MailingAddress",
      id: `gid://shopify/MailingAddress/${order.id.split("/").at(-1)}`,
      coordinatesValidated: false,
      ...order.shippingAddress,
      countryCode: order.shippingAddress.countryCodeV2,
    },
    lineItems: (args: ConnectionArgs) => connection(order.lineItems.map((line) => toLineItem(line, order.amounts.currency)), args),
    fulfillmentOrders: (args: ConnectionArgs) =>
      connection(
        order.fulfillmentOrders.map((fo) => toFulfillmentOrder(fo, order)),
        args,
      ),
  };
}

function toLocation(location: AdminLocationFixture) {
  return {
    __typename: "Location",
    id: location.id,
    legacyResourceId: location.id.split("/").at(-1),
    name: location.name,
    isActive: location.isActive ?? true,
    isFulfillmentService: location.isFulfillmentService ?? false,
  };
}

function rootFor(shopOrders: Map<string, AdminOrderFixture>, shopFixture: AdminShopFixture) {
  const locations = shopFixture.locations ?? [];
  const findOrder = (id: string) => {
    const order = shopOrders.get(id);
    return order ? toOrder(order) : null;
  };
  const findFulfillmentOrder = (id: string) => {
    for (const order of shopOrders.values()) {
      const fulfillmentOrder = order.fulfillmentOrders.find((fo) => fo.id === id);
      if (fulfillmentOrder) return toFulfillmentOrder(fulfillmentOrder, order);
    }
    return null;
  };
  return {
    order: ({ id }: { id: string }) => findOrder(id),
    orders: (args: ConnectionArgs & { sortKey?: string | null }) =>
      connection(ordersMatching([...shopOrders.values()], args).map(toOrder), { ...args, query: null }),
    fulfillmentOrder: ({ id }: { id: string }) => findFulfillmentOrder(id),
    node: ({ id }: { id: string }) => findOrder(id) ?? findFulfillmentOrder(id),
    shop: () => ({ __typename: "Shop", ianaTimezone: shopFixture.ianaTimezone ?? "Asia/Tokyo" }),
    location: ({ id }: { id: string }) => {
      const found = locations.find((location) => location.id === id);
      return found ? toLocation(found) : null;
    },
    locations: (args: ConnectionArgs & { includeInactive?: boolean | null; sortKey?: string | null }) =>
      connection(
        locations
          .filter((location) => args.includeInactive || (location.isActive ?? true))
          .sort((a, b) => (args.sortKey === "NAME" ? a.name.localeCompare(b.name) : 0))
          .map(toLocation),
        args,
      ),
  };
}

// ---------------------------------------------------------------------------
// Requested query cost, by Shopify's published rules: scalars and enums 0, objects 1,
// connections 2 + (first or last) × the cost of one node, mutations 10. Fragments on
// different types are summed, which can only overestimate.

export function estimateQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null = null,
  variables: Record<string, unknown> = {},
): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations[0];
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;

  const argument = (value: ValueNode | undefined): number | null => {
    if (!value) return null;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return typeof v === "number" ? v : null;
    }
    return null;
  };

  const selectionCost = (type: GraphQLCompositeType, selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : type;
        total += selectionCost(on, selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) {
          const on = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
          total += selectionCost(on, fragment.selectionSet);
        }
      } else {
        if (selection.name.value.startsWith("__") || !("getFields" in type)) continue;
        const field = type.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
        if (!field) continue;
        const named = getNamedType(field.type);
        if (isLeafType(named) || !selection.selectionSet) continue;
        const composite = named as GraphQLCompositeType;
        const base = operation.operation === "mutation" && type === rootType ? 10 : 0;
        if (isObjectType(composite) && composite.name.endsWith("Connection")) {
          const args = new Map(selection.arguments?.map((a) => [a.name.value, a.value]));
          const size = argument(args.get("first")) ?? argument(args.get("last")) ?? 0;
          total += base + 2 + size * connectionNodeCost(composite, selection.selectionSet);
        } else {
          total += base + 1 + selectionCost(composite, selection.selectionSet);
        }
      }
    }
    return total;
  };

  /** One node of a connection: its own 1 plus what is selected on it (pageInfo is free). */
  const connectionNodeCost = (connectionType: GraphQLCompositeType, selectionSet: SelectionSetNode): number => {
    let cost = 0;
    const fields = "getFields" in connectionType ? connectionType.getFields() : {};
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
      if (selection.name.value === "nodes") {
        const nodeType = getNamedType(fields.nodes.type) as GraphQLCompositeType;
        cost = Math.max(cost, 1 + selectionCost(nodeType, selection.selectionSet));
      } else if (selection.name.value === "edges") {
        const edgeType = getNamedType(fields.edges.type) as GraphQLCompositeType;
        cost = Math.max(cost, selectionCost(edgeType, selection.selectionSet));
      }
    }
    return cost;
  };

  return selectionCost(rootType, operation.selectionSet);
}

/**
 * The cost Shopify charges once a query ran, by the same rules as the requested cost but over
 * what came back: a connection costs 2 plus each returned node's cost, an object 1 (null or
 * not), a scalar 0.
 */
export function actualCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  data: Record<string, unknown> | null,
): number {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType || !data) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

  const cost = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, value: Record<string, unknown>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += cost(type, selection.selectionSet, value);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) total += cost(type, fragment.selectionSet, value);
      } else {
        if (selection.name.value.startsWith("__") || !("getFields" in type)) continue;
        const field = type.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
        if (!field || !selection.selectionSet || isLeafType(getNamedType(field.type))) continue;
        const named = getNamedType(field.type) as GraphQLCompositeType;
        const child = value[selection.alias?.value ?? selection.name.value] as Record<string, unknown> | null | undefined;
        if (isObjectType(named) && named.name.endsWith("Connection")) {
          total += 2;
          for (const inner of selection.selectionSet.selections) {
            if (inner.kind !== Kind.FIELD || !inner.selectionSet || !child) continue;
            const list = (child[inner.alias?.value ?? inner.name.value] ?? []) as Record<string, unknown>[];
            const itemType = getNamedType(named.getFields()[inner.name.value].type) as GraphQLCompositeType;
            if (inner.name.value === "nodes") total += list.reduce((sum, node) => sum + 1 + cost(itemType, inner.selectionSet!, node), 0);
            if (inner.name.value === "edges") total += list.reduce((sum, edge) => sum + cost(itemType, inner.selectionSet!, edge), 0);
          }
        } else {
          total += 1 + (child ? cost(named, selection.selectionSet, child) : 0);
        }
      }
    }
    return total;
  };
  return cost(rootType, operation.selectionSet, data);
}
