/**
 * A lint run is short and keeps both cores busy (the walk on this thread,
 * Babel on the candidate thread). V8's optimizing compiler, TurboFan, works
 * on background threads of its own: on the 20,000-file bench tree it spent
 * ~320 ms of CPU compiling (`--trace-opt`) in a 0.5 s run on two cores,
 * mostly for code that finished before the optimized version could pay off,
 * and that CPU is taken from the two threads doing the work.
 *
 * A bigger interrupt budget makes a function run 16 times longer before it
 * is considered for TurboFan: code that is hot for a whole run still gets
 * optimized (the 200,000-file tree's time did not move), a short run no
 * longer pays for it (20,000 files: ~60 ms less, `npm run bench`).
 * V8's flags are per process, so this also holds for the candidate thread,
 * which must start after it.
 */
import { setFlagsFromString } from 'node:v8';

/** V8 11's default is 67584 (bytes of bytecode executed between tiering checks). */
const DEFAULT_INTERRUPT_BUDGET = 67584;
const SHORT_RUN_FACTOR = 16;

export function tuneTieringForShortRun(): void {
  setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET * SHORT_RUN_FACTOR}`);
}
