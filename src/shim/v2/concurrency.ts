/** A counting semaphore: how many pipelines run at once (each holds decoded images in memory). */
import { availableParallelism } from 'node:os';

export interface Semaphore {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createSemaphore(limit = Math.max(1, Math.min(4, availableParallelism()))): Semaphore {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(work) {
      if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await work();
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}
