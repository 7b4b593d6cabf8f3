import { Writable } from "node:stream";
import { createLogger } from "../../app/logger.server";

/** A logger as the app configures it, keeping each line it writes. */
export function createTestLogger() {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger("info", stream), lines: () => [...raw] };
}
