/**
 * A shop, its database and both doubles on 127.0.0.1, for tests that run the app in
 * processes of its own (helpers/app-processes.ts): the environment those processes get.
 */
import { ORDER_JOB_KINDS } from "../../app/jobs/scheduled-jobs";
import { seedShop } from "../../app/models/shop-seed.server";
import type { SettingsPatch } from "../../app/models/settings-input";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { startAdminApiDouble, type AdminApiDouble } from "../doubles/admin-api-double";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble, type OpenLogiDouble } from "../doubles/openlogi-double";
import { createTestDatabase, type TestDatabase } from "./test-db";

/** The orders' jobs, in a job query: the worker's schedule adds its own (reconciliation, follow-up). */
export const ORDER_JOBS = { kind: { in: [...ORDER_JOB_KINDS] } };

export interface ProcessWorld {
  db: TestDatabase;
  openlogi: OpenLogiDouble;
  admin: AdminApiDouble;
  /** The environment of an app process on this world, with `extra` on top. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startProcessWorld(options: {
  shop: string;
  adminToken: string;
  /** TOKEN_ENCRYPTION_KEY of the processes. */
  key: string;
  callsPerMinute: number;
  settings?: SettingsPatch;
}): Promise<ProcessWorld> {
  const db = await createTestDatabase();
  const openlogi = await startOpenLogiDouble({ tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] }, rateLimitPerMinute: options.callsPerMinute });
  const admin = await startAdminApiDouble({ accessTokens: { [options.shop]: options.adminToken } });
  await seedShop(db.prisma, createTokenCipher(options.key), {
    shop: options.shop,
    accessToken: options.adminToken,
    openlogiToken: DOUBLE_TOKEN,
    openlogiAccountCode: DOUBLE_ACCOUNT,
    settings: options.settings ?? {},
  });
  return {
    db,
    openlogi,
    admin,
    env: (extra = {}) => ({
      ...process.env,
      DATABASE_URL: db.url,
      TOKEN_ENCRYPTION_KEY: options.key,
      OPENLOGI_API_BASE_URL: openlogi.url,
      SHOPIFY_ADMIN_API_ORIGIN: admin.url,
      ALLOW_API_OVERRIDES: "1",
      OPENLOGI_CALLS_PER_MINUTE: String(options.callsPerMinute),
      LOG_LEVEL: "info",
      ...extra,
    }),
    async close() {
      await admin.close();
      await openlogi.close();
      await db.drop();
    },
  };
}
