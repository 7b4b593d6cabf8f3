import pino from "pino";
import { REDACTED, scrubSecrets } from "./security/scrub-secrets";

/**
 * The one structured logger. Child scopes carry { shop, orderId, jobId, webhookId, attempt };
 * tokens, addresses and payloads are never logged (redaction is a second line of defence, and
 * any `Bearer …` credential in any logged string a third).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ["token", "accessToken", "openlogiToken", "*.token", "*.accessToken", "payload", "*.payload", "address", "*.address"],
        censor: REDACTED,
      },
      // Last look at the finished line, so the message, every field, bound scopes and
      // serialized errors (message and stack) are all covered. Only a line that mentions a
      // bearer credential is parsed and written again, to scrub its strings, not its JSON.
      hooks: { streamWrite: scrubBearerCredentials },
    },
    destination,
  );
}

function scrubBearerCredentials(line: string): string {
  if (!/bearer/i.test(line)) return line;
  return `${JSON.stringify(JSON.parse(line), (_key, value: unknown) => (typeof value === "string" ? scrubSecrets(value) : value))}\n`;
}

export const logger = createLogger();

export type Logger = pino.Logger;
