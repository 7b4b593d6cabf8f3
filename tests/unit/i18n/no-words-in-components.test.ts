/**
 * Every word a person reads comes from app/i18n: no component writes one itself, neither as
 * JSX text nor as a string given to a prop that Polaris, App Bridge or the admin's s-* elements show.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const SHOWN_PROPS = new Set(["title", "label", "content", "placeholder", "helpText", "queryPlaceholder", "accessibilityLabel", "heading", "alt", "collapsedSummary"]);
const LETTERS = /\p{L}/u;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : entry.name.endsWith(".tsx") ? [full] : [];
  });
}

function wordsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTERS.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && SHOWN_PROPS.has(node.name.getText(source)) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (LETTERS.test(node.initializer.text)) found.push(`${node.name.getText(source)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((word) => `${path.relative(process.cwd(), file)}: ${word}`);
}

it("no component under app/routes, app/components or the order page block writes a word of its own", () => {
  const components = [...files("app/routes"), ...files("app/components"), ...files("extensions/order-sync-status/src")];

  expect(components.length).toBeGreaterThan(10);
  expect(components.flatMap(wordsIn)).toEqual([]);
});
