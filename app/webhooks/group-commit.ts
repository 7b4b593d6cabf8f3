/**
 * Group commit: deliveries that arrive while a commit is under way wait for the next one and
 * share it, so one fsync covers many. Nothing waits for a timer: alone, a delivery is
 * committed at the next turn of the event loop; under load, batches grow by themselves to
 * what arrived during the last commit. Each caller's promise settles only after the commit
 * that holds its item, so a 200 still means stored.
 */
export interface GroupCommit<T, R> {
  submit(item: T): Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * `commit` stores a batch and returns one result per item, in order. When a batch fails on an
 * item (`itemFailed` says so of the error), its items are committed one by one, so one bad item
 * fails alone and the rest still get stored. Any other failure (the database unreachable or
 * locked past its wait) fails the batch at once: trying each item alone would only wait as
 * long again for each of them, while new deliveries pile up behind.
 */
export function createGroupCommit<T, R>(
  commit: (items: T[]) => Promise<R[]>,
  { maxBatch = 500, itemFailed = () => true }: { maxBatch?: number; itemFailed?: (error: unknown) => boolean } = {},
): GroupCommit<T, R> {
  const waiting: Waiting<T, R>[] = [];
  let running = false;

  async function settle(batch: Waiting<T, R>[]) {
    try {
      const results = await commit(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]));
    } catch (error) {
      if (batch.length === 1 || !itemFailed(error)) return batch.forEach((entry) => entry.reject(error));
      for (const entry of batch) await settle([entry]);
    }
  }

  async function drain() {
    while (waiting.length > 0) await settle(waiting.splice(0, maxBatch));
    running = false;
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (running) return;
        running = true;
        // The rest of this turn's requests join the first batch.
        setImmediate(() => void drain());
      });
    },
  };
}
