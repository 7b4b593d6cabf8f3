import { mkdirSync } from "node:fs";
import path from "node:path";

/** Runs once before all test files. */
export default async function setup() {
  mkdirSync(path.resolve("tests/.tmp"), { recursive: true });
}
