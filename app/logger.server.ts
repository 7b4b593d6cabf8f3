import pino from "pino";

/**
 * The one structured logger. Child scopes carry { shop, orderId, jobId, webhookId, attempt };
 * tokens, addresses and payloads are never logged (redaction is a second line of defence).
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: undefined,
  redact: {
    paths: ["token", "accessToken", "openlogiToken", "*.token", "*.accessToken", "payload", "*.payload", "address", "*.address"],
    censor: "[redacted]",
  },
});

export type Logger = pino.Logger;
