/**
 * The in-process TaskStore: tasks in a Map, result bytes in a ResultStore
 * (memory up to a cap, then a temp dir). Finished tasks expire
 * `ttlSeconds` after they finish; ids of expired tasks are remembered (a
 * bounded list) so a late poll answers code 3 instead of going to V2.
 */
import { ResultStore } from '../result-store.js';
import type { StoredResult, StoredTask, TaskStore } from './task-store.js';

export interface MemoryTaskStoreOptions {
  memoryCapBytes?: number;
  now?: () => number;
  /** How many expired ids are remembered. */
  maxExpiredIds?: number;
}

const SWEEP_INTERVAL_MS = 30_000;

export class MemoryTaskStore implements TaskStore {
  private readonly tasks = new Map<string, StoredTask>();
  private readonly expired = new Set<string>();
  private readonly results: ResultStore;
  private readonly contentTypes = new Map<string, string>();
  private readonly now: () => number;
  private readonly maxExpiredIds: number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: MemoryTaskStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxExpiredIds = options.maxExpiredIds ?? 100_000;
    this.results = new ResultStore({ memoryCapBytes: options.memoryCapBytes, now: this.now });
  }

  async getTask(id: string): Promise<StoredTask | undefined> {
    const task = this.tasks.get(id);
    if (!task) return undefined;
    if (this.isExpired(task)) {
      this.forget(task.id);
      return undefined;
    }
    return { ...task, images: [...task.images] };
  }

  async putTask(task: StoredTask): Promise<void> {
    this.sweep();
    this.tasks.set(task.id, { ...task });
    // Sweeps run while tasks exist; the timer never keeps the process alive.
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  async updateTask(id: string, patch: Partial<Omit<StoredTask, 'id'>>): Promise<void> {
    const task = this.tasks.get(id);
    if (task) Object.assign(task, patch);
  }

  async issued(id: string): Promise<boolean> {
    return this.tasks.has(id) || this.expired.has(id);
  }

  async putResult(data: Buffer, contentType: string, ttlSeconds: number): Promise<string> {
    const id = this.results.put(data, ttlSeconds);
    this.contentTypes.set(id, contentType);
    return id;
  }

  async getResult(id: string): Promise<StoredResult | undefined> {
    const data = this.results.get(id);
    if (!data) {
      this.contentTypes.delete(id);
      return undefined;
    }
    return { data, contentType: this.contentTypes.get(id) ?? 'image/png' };
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.tasks.clear();
    this.contentTypes.clear();
    this.results.close();
  }

  /** Tasks and results whose TTL has passed are dropped. */
  sweep(): void {
    for (const task of this.tasks.values()) if (this.isExpired(task)) this.forget(task.id);
    this.results.sweep();
    for (const id of this.contentTypes.keys()) if (!this.results.has(id)) this.contentTypes.delete(id);
    if (this.tasks.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private isExpired(task: StoredTask): boolean {
    return task.finishMs > 0 && this.now() >= task.finishMs + task.ttlSeconds * 1000;
  }

  private forget(id: string): void {
    this.tasks.delete(id);
    this.expired.add(id);
    if (this.expired.size > this.maxExpiredIds) this.expired.delete(this.expired.values().next().value!);
  }
}
