/** What a removed secret is replaced with; the logger's redaction uses the same word. */
export const REDACTED = "[redacted]";

/**
 * A bearer credential as it shows in a header or an error message. The credential ends at
 * whitespace or a quote, so the text around it (a JSON string, a quoted header) stays intact.
 */
const BEARER_CREDENTIAL = /\b(Bearer)\s+[^\s"'`]+/gi;

/** Pieces of a secret shorter than this are left alone: they say too little and occur everywhere. */
const MIN_PIECE_LENGTH = 4;

/**
 * Returns `text` without any of `secrets` and without any `Bearer <credential>`.
 *
 * A secret is removed whole, in its JSON-escaped and URL-encoded spellings, and piece by piece
 * when it holds whitespace: a token with a newline can be printed across two lines, and each
 * line must go. Empty, null and undefined secrets are ignored, so a caller can pass a token it
 * may not have.
 */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let scrubbed = text;
  for (const spelling of spellingsOf(secrets)) scrubbed = scrubbed.split(spelling).join(REDACTED);
  return scrubbed.replace(BEARER_CREDENTIAL, `$1 ${REDACTED}`);
}

/** Every spelling of every secret, longest first, so no longer spelling is cut by a shorter one. */
function spellingsOf(secrets: readonly (string | null | undefined)[]): string[] {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    spellings.add(secret);
    spellings.add(JSON.stringify(secret).slice(1, -1));
    spellings.add(encodeURIComponent(secret));
    for (const piece of secret.split(/\s+/)) if (piece.length >= MIN_PIECE_LENGTH) spellings.add(piece);
  }
  return [...spellings].filter((spelling) => spelling !== "").sort((a, b) => b.length - a.length);
}
