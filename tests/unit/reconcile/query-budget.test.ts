import { budgetWaitMs, RESERVE_POINTS } from "../../../app/reconcile/query-budget";

const cost = (currentlyAvailable: number, maximumAvailable = 2000, restoreRate = 100) => ({
  requestedQueryCost: 252,
  actualQueryCost: 252,
  throttleStatus: { maximumAvailable, currentlyAvailable, restoreRate },
});

describe("budgetWaitMs", () => {
  it.each<[string, ReturnType<typeof cost> | null, number]>([
    ["asks at once when the bucket holds the page and the reserve", cost(252 + RESERVE_POINTS), 0],
    ["waits for the bucket to refill up to the page and the reserve", cost(1052), 2000],
    ["waits at the plan's restore rate", cost(1052, 4000, 200), 1000],
    ["never waits for more than the bucket can hold", cost(1900, 1000, 50), 0],
    ["asks at once when Shopify said nothing of the bucket", null, 0],
  ])("%s", (_title, last, expected) => {
    expect(budgetWaitMs(last, 252)).toBe(expected);
  });
});
