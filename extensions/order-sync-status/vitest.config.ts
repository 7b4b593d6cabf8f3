import { defineConfig } from "vitest/config";

// The block's own suite: a DOM (jsdom), Preact's JSX the way the CLI bundles it, and a fresh
// `shopify` global per test file (vitest isolates files by default; the tester needs it).
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  test: {
    environment: "jsdom",
    globals: true,
    isolate: true,
    include: ["tests/**/*.test.{ts,tsx}"],
    // The tester imports the extension's module itself: inlined, that import goes through
    // Vite, which compiles the TSX, instead of Node, which cannot.
    server: { deps: { inline: ["@shopify/ui-extensions-tester"] } },
  },
});
