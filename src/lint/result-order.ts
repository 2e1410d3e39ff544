/**
 * Results leave in file order although candidates finish whenever their
 * worker gets to them: a file waits behind an earlier one still being
 * linted. Clean files (the vast majority) are held as their path alone,
 * and only while something before them is pending.
 */
import type { LintResult } from './types.js';

export interface ResultSink {
  /** A file with messages or suppressed messages. */
  result(r: LintResult): void;
  /** A file linted with nothing to say. */
  clean(file: string): void;
}

/** A batch read on another thread: its files in order, each clean (its path) or with a result. */
export type BatchResults = (string | LintResult)[];

type Slot = string | { done: false; wait: Promise<void> } | { done: true; batch: BatchResults };

export class OrderedResults {
  /** Files not emitted yet, by sequence number: [head, tail). Emitted ones are deleted, so nothing accumulates. */
  private readonly slots = new Map<number, Slot>();
  private head = 0;
  private tail = 0;
  private pendingCount = 0;

  constructor(private readonly sink: ResultSink) {}

  get pending(): number {
    return this.pendingCount;
  }

  clean(file: string): void {
    if (this.head === this.tail) this.sink.clean(file);
    else this.slots.set(this.tail++, file);
  }

  result(r: LintResult): void {
    if (this.head === this.tail) this.sink.result(r);
    else this.slots.set(this.tail++, { done: true, batch: [r] });
  }

  later(promise: Promise<LintResult>): void {
    this.laterBatch(promise.then((result) => [result]));
  }

  /** A run of files whose results arrive together (one slot, emitted in its own order). */
  laterBatch(promise: Promise<BatchResults>): void {
    const seq = this.tail++;
    this.pendingCount++;
    const wait = promise.then((batch) => {
      this.pendingCount--;
      this.slots.set(seq, { done: true, batch });
      this.drain();
    });
    this.slots.set(seq, { done: false, wait });
  }

  /** Resolves once the oldest pending file is done (for back-pressure: the walk waits for the linter). */
  async oldest(): Promise<void> {
    for (const s of this.slots.values()) {
      if (typeof s !== 'string' && !s.done) return s.wait;
    }
  }

  /** Everything pushed, emitted. */
  async finish(): Promise<void> {
    while (this.pendingCount > 0) await this.oldest();
  }

  private drain(): void {
    while (this.head < this.tail) {
      const s = this.slots.get(this.head)!;
      if (typeof s === 'string') this.sink.clean(s);
      else if (!s.done) break;
      else {
        for (const r of s.batch) {
          if (typeof r === 'string') this.sink.clean(r);
          else this.sink.result(r);
        }
      }
      this.slots.delete(this.head++);
    }
  }
}
