import { createScheduler } from "../../app/jobs/schedule.server";
import { createWorker, type Worker } from "../../app/jobs/worker.server";
import type { SyncWorld } from "./sync-world";

export interface ScheduledWorker {
  worker: Worker;
  /** Ticks the worker (its schedule first) until nothing is due. */
  runUntilIdle(): Promise<void>;
}

/** A worker with the production schedule (reconciliation, follow-up) on the world's clock. */
export function startScheduledWorker(world: SyncWorld, workerId: string): ScheduledWorker {
  const worker = createWorker(world.deps, { workerId, sleep: world.clock.sleep, scheduler: createScheduler(world.deps) });
  return {
    worker,
    async runUntilIdle() {
      for (let round = 0; round < 20; round++) if ((await worker.tick()) === 0) return;
      throw new Error("the worker never ran out of due jobs");
    },
  };
}
