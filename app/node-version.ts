/**
 * The oldest Node.js major the app runs on. shopify/webhook-body.ts keeps Shopify's ids past 2^53
 * exact with JSON.parse source text access, which Node.js has from 21 (V8 11.4); 22 is
 * the long-term support line that has it, and what @shopify/shopify-app-remix 6 declares.
 */
export const MINIMUM_NODE_MAJOR = 22;

/** Why the app cannot run on Node.js `version` (as `process.version` gives it), or null when it can. */
export function nodeVersionProblem(version: string): string | null {
  const major = Number(/^v?(\d+)\.\d+\.\d+/.exec(version)?.[1]);
  if (major >= MINIMUM_NODE_MAJOR) return null;
  return [
    `OpenLogi Order Sync needs Node.js ${MINIMUM_NODE_MAJOR} or newer, and this is Node.js ${version}.`,
    "It reads Shopify's order ids past 2^53 exactly through JSON.parse source text access, which older Node.js lacks.",
    "Start it through npm (npm start, npm run worker), which runs the project's own Node.js 22, or install Node.js 22.",
  ].join("\n");
}
