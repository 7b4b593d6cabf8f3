/**
 * React 18.3's renderToPipeableStream encodes HTML into 2,048-byte views and, when a multi-byte
 * character (Japanese text) does not fit at the end of one, flushes the whole view with its 1–3
 * unwritten bytes as NULs (facebook/react#24985; fixed by #26228, never released in 18.x). This
 * drops them: only from a full view's end, where the HTML itself never has a NUL.
 */
import { Transform } from "node:stream";

const REACT_VIEW_SIZE = 2048;
/** A UTF-8 character is at most 4 bytes, so at most 3 are left unwritten. */
const MAX_UNWRITTEN = 3;

export function trailingNullBytesDropped(chunk: Uint8Array): Uint8Array {
  if (chunk.length !== REACT_VIEW_SIZE) return chunk;
  let end = chunk.length;
  while (end > chunk.length - MAX_UNWRITTEN && chunk[end - 1] === 0) end--;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}

export function createNullByteFilter(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, trailingNullBytesDropped(chunk));
    },
  });
}
