import { nodeVersionProblem } from "../../app/node-version";

describe("nodeVersionProblem", () => {
  it.each(["v22.0.0", "v22.12.0", "v24.3.1", "22.23.3"])("lets the app run on Node.js %s", (version) => {
    expect(nodeVersionProblem(version)).toBeNull();
  });

  it("tells an operator on Node.js 20 what is wrong, why, and what to do", () => {
    expect(nodeVersionProblem("v20.20.2")).toBe(
      [
        "OpenLogi Order Sync needs Node.js 22 or newer, and this is Node.js v20.20.2.",
        "It reads Shopify's order ids past 2^53 exactly through JSON.parse source text access, which older Node.js lacks.",
        "Start it through npm (npm start, npm run worker), which runs the project's own Node.js 22, or install Node.js 22.",
      ].join("\n"),
    );
  });

  it.each(["v21.7.3", "v18.20.4", "v8.17.0", "", "not a version"])("refuses Node.js %j", (version) => {
    expect(nodeVersionProblem(version)).toContain("needs Node.js 22 or newer");
  });
});
