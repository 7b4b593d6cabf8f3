import { z } from "zod";

const hex64 = /^[0-9a-fA-F]{64}$/;

/** What the app reads from its environment, checked once at start-up. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  SHOPIFY_APP_URL: z.string().url(),
  SCOPES: z.string().optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  DATABASE_URL: z.string().min(1).default("file:./prisma/dev.sqlite"),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Interface to listen on; every interface when unset (as a deployment behind a proxy wants). */
  HOST: z.string().min(1).optional(),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .regex(hex64, "TOKEN_ENCRYPTION_KEY must be 32 bytes written as 64 hex characters"),
  /** Keys that tokens were encrypted under before, comma-separated: read, never written to (README). */
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((key) => key.trim()).filter((key) => key !== ""))
    .pipe(z.array(z.string().regex(hex64, "each of TOKEN_ENCRYPTION_PREVIOUS_KEYS must be 64 hex characters"))),
  /** Replaces the OpenLogi base URL for every shop (a test double, a proxy). */
  OPENLOGI_API_BASE_URL: z.string().url().optional(),
  /** Replaces https://{shop} in the worker's Admin API calls. */
  SHOPIFY_ADMIN_API_ORIGIN: z.string().url().optional(),
  /** "1" allows the two overrides above in production, where they are refused otherwise. */
  ALLOW_API_OVERRIDES: z.enum(["0", "1"]).optional(),
  /** "inline" runs the worker inside the web server; "off" leaves it to `npm run worker`. */
  WORKER_MODE: z.enum(["inline", "off"]).default("inline"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  OPENLOGI_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(60),
  /** Days a stored webhook payload and a record's personal data are kept (README "Privacy"). */
  PRIVACY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
}).superRefine((env, context) => {
  // In production an override would send every shop's OpenLogi and Shopify tokens elsewhere.
  if (env.NODE_ENV !== "production" || env.ALLOW_API_OVERRIDES === "1") return;
  for (const name of ["OPENLOGI_API_BASE_URL", "SHOPIFY_ADMIN_API_ORIGIN"] as const) {
    if (env[name]) {
      context.addIssue({
        code: "custom",
        path: [name],
        message:
          "is refused in production, where it would send every shop's tokens to that URL. Set ALLOW_API_OVERRIDES=1 if it is meant (a proxy, a test double).",
      });
    }
  }
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parses `process.env` once; throws a readable error naming each bad variable. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** For the entry points: a bad environment stops the process with the message alone, no stack. */
export function getEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/** Test hook: forget the parsed environment so the next call reads it again. */
export function resetEnvCache(): void {
  cached = undefined;
}
