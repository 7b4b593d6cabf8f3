/**
 * What an OpenLogi access token may look like. OpenLogi documents none (its tokens look like
 * `wz2FvCW3NRm4GZgLC7GMlW3XbM2qIIbuCDv8RZ8F...` and may be long JWTs), so the rule is what a
 * bearer token can be in an HTTP header without being changed or refused: visible ASCII.
 */

/** Visible ASCII, 0x21–0x7E: no whitespace, no control character, nothing outside ASCII. */
export const VISIBLE_ASCII = /^[\x21-\x7E]*$/;
export const OPENLOGI_TOKEN_MIN_LENGTH = 16;
/** Generous on purpose: a JWT with many claims runs to a few kilobytes. */
export const OPENLOGI_TOKEN_MAX_LENGTH = 4096;

/**
 * Whether fetch can send `token` in `Authorization: Bearer …`. A token it cannot send makes it
 * throw an error that quotes the whole header, token included. Spaces, tabs and line breaks
 * around the token are allowed: fetch strips them from a header value (Fetch standard,
 * "normalize"), so a token stored with them before input was checked still works.
 */
export function isSendableToken(token: string): boolean {
  const core = token.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  return core !== "" && VISIBLE_ASCII.test(core);
}
