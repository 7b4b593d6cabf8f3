import { createGroupCommit } from "../../../app/webhooks/group-commit";

describe("createGroupCommit", () => {
  it("commits items submitted together in one batch and answers each with its own result", async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit(async (items: number[]) => {
      batches.push(items);
      return items.map((item) => item * 10);
    });

    const results = await Promise.all([1, 2, 3].map((item) => commit.submit(item)));

    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("gathers what arrives during a commit into the next one, and answers nobody before their commit", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstCommit = new Promise<void>((resolve) => (release = resolve));
    const commit = createGroupCommit(async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await firstCommit;
      return items;
    });
    const settled: number[] = [];
    const first = commit.submit(1).then((value) => settled.push(value));
    await new Promise((resolve) => setImmediate(resolve));

    // WHEN two more arrive while the first commit is under way
    const later = [commit.submit(2), commit.submit(3)].map((promise) => promise.then((value) => settled.push(value)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual([]);
    release();
    await Promise.all([first, ...later]);

    // THEN they share the second commit
    expect(batches).toEqual([[1], [2, 3]]);
    expect(settled).toEqual([1, 2, 3]);
  });

  it("caps a batch at maxBatch", async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit(async (items: number[]) => (batches.push(items), items), { maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit(item)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("fails only the item that cannot be committed, after trying the batch's items one by one", async () => {
    const commit = createGroupCommit(async (items: number[]) => {
      if (items.includes(2)) throw new Error("cannot store 2");
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3].map((item) => commit.submit(item)));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("fails the whole batch at once, without trying each item, when the failure is not an item's", async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit(
      async (items: number[]) => {
        batches.push(items);
        throw new Error("database unreachable");
      },
      { itemFailed: () => false },
    );
    const results = await Promise.allSettled([1, 2, 3].map((item) => commit.submit(item)));
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(batches).toEqual([[1, 2, 3]]);
  });
});
