import { getEnv } from "../../app/env.server";

const BASE = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com",
  TOKEN_ENCRYPTION_KEY: "ab".repeat(32),
};
const OVERRIDES = { OPENLOGI_API_BASE_URL: "http://127.0.0.1:4010", SHOPIFY_ADMIN_API_ORIGIN: "http://127.0.0.1:4020" };

describe("getEnv and the URL overrides", () => {
  it("refuses each override in production, naming it and saying how to allow it", () => {
    expect(() => getEnv({ ...BASE, ...OVERRIDES, NODE_ENV: "production" })).toThrow(
      [
        "Invalid environment:",
        "  OPENLOGI_API_BASE_URL: is refused in production, where it would send every shop's tokens to that URL. Set ALLOW_API_OVERRIDES=1 if it is meant (a proxy, a test double).",
        "  SHOPIFY_ADMIN_API_ORIGIN: is refused in production, where it would send every shop's tokens to that URL. Set ALLOW_API_OVERRIDES=1 if it is meant (a proxy, a test double).",
      ].join("\n"),
    );
  });

  it("refuses an override in production when ALLOW_API_OVERRIDES is 0", () => {
    expect(() => getEnv({ ...BASE, OPENLOGI_API_BASE_URL: OVERRIDES.OPENLOGI_API_BASE_URL, NODE_ENV: "production", ALLOW_API_OVERRIDES: "0" })).toThrow(
      /OPENLOGI_API_BASE_URL: is refused in production/,
    );
  });

  it("takes the overrides in production when ALLOW_API_OVERRIDES=1 says they are meant", () => {
    expect(getEnv({ ...BASE, ...OVERRIDES, NODE_ENV: "production", ALLOW_API_OVERRIDES: "1" })).toMatchObject(OVERRIDES);
  });

  it.each(["development", "test"] as const)("takes the overrides in %s without ALLOW_API_OVERRIDES", (NODE_ENV) => {
    expect(getEnv({ ...BASE, ...OVERRIDES, NODE_ENV })).toMatchObject(OVERRIDES);
  });

  it("starts in production without overrides", () => {
    expect(getEnv({ ...BASE, NODE_ENV: "production" }).NODE_ENV).toBe("production");
  });
});

describe("getEnv and DATABASE_URL", () => {
  it("takes SQLite by default, and a file: or postgres(ql):// URL", () => {
    expect(getEnv({ ...BASE, NODE_ENV: "test" }).DATABASE_URL).toBe("file:./prisma/dev.sqlite");
    for (const DATABASE_URL of ["file:/var/app.sqlite", "postgres://app@db/app", "postgresql://app@db:5432/app?sslmode=require"]) {
      expect(getEnv({ ...BASE, NODE_ENV: "test", DATABASE_URL }).DATABASE_URL).toBe(DATABASE_URL);
    }
  });

  it("refuses any other database at start-up, naming the variable and what it takes", () => {
    expect(() => getEnv({ ...BASE, NODE_ENV: "test", DATABASE_URL: "mysql://app@db/app" })).toThrow(
      "DATABASE_URL: must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)",
    );
  });
});
