/**
 * Every `#graphql` document in app/ against the real Shopify Admin schema (2026-07):
 * a misspelled field or an argument the version does not have fails here, not in
 * production.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, validate } from "graphql";
import {
  GENERATED_TYPES_PATH,
  findGraphqlDocuments,
  generateAdminTypes,
} from "../../../scripts/graphql-codegen";
import {
  INVALID_TOKEN_BODY,
  MAX_QUERY_COST,
  estimateQueryCost,
  startAdminApiDouble,
  type AdminApiDouble,
} from "../../doubles/admin-api-double";
import { loadAdminSchema } from "../../helpers/admin-schema";

const schema = loadAdminSchema();
const documents = findGraphqlDocuments();

const MISSPELLED = `#graphql
  query Misspelled($id: ID!) {
    order(id: $id) {
      shippingAddress { countryCodeV3 }
    }
  }
`;

describe("the app's Admin GraphQL documents", () => {
  it("include the order snapshot queries", () => {
    expect(documents.map((d) => parse(d.text).definitions.map((def) => ("name" in def ? def.name?.value : null))).flat())
      .toEqual(expect.arrayContaining(["FetchOrderForSync", "FetchFulfillmentOrderLineItems"]));
  });

  it.each(documents.map((d) => [`${d.file}:${d.line}`, d] as const))(
    "%s validates against the Admin schema 2026-07 with no errors",
    (_where, doc) => {
      const errors = validate(schema, parse(doc.text)).map((e) => e.message);

      expect(errors).toEqual([]);
    },
  );

  it.each(documents.map((d) => [`${d.file}:${d.line}`, d] as const))(
    "%s stays under Shopify's single-query cost limit",
    (_where, doc) => {
      expect(estimateQueryCost(schema, parse(doc.text))).toBeLessThanOrEqual(MAX_QUERY_COST);
    },
  );

  it("the same validator rejects a misspelled field", () => {
    const errors = validate(schema, parse(MISSPELLED)).map((e) => e.message);

    expect(errors).toEqual([expect.stringContaining('Cannot query field "countryCodeV3" on type "MailingAddress"')]);
  });

  it("the same validator rejects an argument 2026-07 does not have (fulfillmentOrders has no includeClosed)", () => {
    const query = `query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1, includeClosed: true) { nodes { id } } } }`;

    expect(validate(schema, parse(query))).toHaveLength(1);
  });

  it("app/types/admin.generated.d.ts is what scripts/graphql-codegen.ts generates from these documents", async () => {
    expect(await generateAdminTypes(documents)).toBe(readFileSync(GENERATED_TYPES_PATH, "utf8"));
  });
});

describe("finding GraphQL documents", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "gql-docs-"));
    mkdirSync(path.join(root, "app", "things"), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("finds #graphql and /* GraphQL */ template literals in .server.ts files only", () => {
    writeFileSync(
      path.join(root, "app", "things", "a.server.ts"),
      [
        "export const A = `#graphql\n  query A { shop { id } }\n`;",
        "export const B = /* GraphQL */ `query B { shop { name } }`;",
        "export const C = `not graphql`;",
      ].join("\n"),
    );
    writeFileSync(path.join(root, "app", "things", "b.ts"), "export const D = `#graphql\nquery D { shop { id } }`;");

    const found = findGraphqlDocuments(root);

    expect(found.map((d) => [d.file, d.line, parse(d.text).definitions.length])).toEqual([
      ["app/things/a.server.ts", 1, 1],
      ["app/things/a.server.ts", 4, 1],
    ]);
  });

  it("refuses a document built with ${…}, which neither codegen nor the validator could read", () => {
    writeFileSync(
      path.join(root, "app", "things", "c.server.ts"),
      "const F = 'id';\nexport const E = `#graphql\nquery E { shop { ${F} } }`;",
    );

    expect(() => findGraphqlDocuments(root)).toThrow(/c\.server\.ts:2/);
  });
});

describe("the Admin API double", () => {
  let api: AdminApiDouble;
  beforeAll(async () => {
    api = await startAdminApiDouble({ accessTokens: { "shop.myshopify.com": "token" } });
  });
  afterAll(() => api.close());

  const post = (query: string, token = "token") =>
    fetch(`${api.url}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
      body: JSON.stringify({ query, variables: { id: "gid://shopify/Order/1" } }),
    });

  it("answers an invalid query with HTTP 200, Shopify-style errors and no data", async () => {
    const response = await post(MISSPELLED);
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(body).not.toHaveProperty("data");
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "Field 'countryCodeV3' doesn't exist on type 'MailingAddress'",
        extensions: { code: "undefinedField", typeName: "MailingAddress", fieldName: "countryCodeV3" },
        locations: [expect.objectContaining({ line: expect.any(Number) })],
      }),
    ]);
  });

  it("refuses a query whose requested cost exceeds 1,000 points", async () => {
    const response = await post(`query($id: ID!) {
      order(id: $id) { fulfillmentOrders(first: 50) { nodes { lineItems(first: 100) { nodes { lineItem { sku } } } } } }
    }`);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };

    expect(body.errors[0].extensions.code).toBe("MAX_COST_EXCEEDED");
  });

  it("executes a valid query and reports its cost", async () => {
    const response = await post(`query($id: ID!) { order(id: $id) { id } }`);
    const body = (await response.json()) as { data: unknown; extensions: { cost: { requestedQueryCost: number } } };

    expect(body.data).toEqual({ order: null });
    expect(body.extensions.cost.requestedQueryCost).toBe(1);
  });

  it("answers an unknown access token with Shopify's 401", async () => {
    const response = await post(`query($id: ID!) { order(id: $id) { id } }`, "wrong");

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(INVALID_TOKEN_BODY);
  });
});
