/**
 * A progress bar on stderr for long runs: only on a TTY, never with
 * --no-progress or a machine format on stdout, and only once a run passes ~1 s.
 */
import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

/** Loaded when a bar is first shown (a TTY run past ~1 s), not on every start. */
const loadCliProgress = (): typeof cliProgressModule => createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

export interface Progress {
  /** `done` of `total` files; `phase` (default: the one given at creation) names the current step. */
  update(done: number, total: number, phase?: string): void;
  stop(): void;
}

const NOOP: Progress = { update() {}, stop() {} };

/** How long a run goes before the bar appears (`NOVITA_MIGRATE_PROGRESS_DELAY_MS`, for tests and demos). */
function defaultDelay(): number {
  const fromEnv = Number(process.env.NOVITA_MIGRATE_PROGRESS_DELAY_MS);
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 1000;
}

export function createProgress(enabled: boolean, phase: string, delayMs = defaultDelay()): Progress {
  if (!enabled || !process.stderr.isTTY) return NOOP;
  const started = Date.now();
  let bar: cliProgressModule.SingleBar | undefined;
  let shownTotal = 0;
  return {
    update(done, total, currentPhase = phase) {
      if (!bar) {
        if (Date.now() - started < delayMs) return;
        const cliProgress = loadCliProgress();
        bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{phase} [{bar}] {value}/{total} files', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done, { phase: currentPhase });
        shownTotal = total;
        return;
      }
      if (total !== shownTotal) {
        bar.setTotal(total);
        shownTotal = total;
      }
      bar.update(done, { phase: currentPhase });
    },
    stop() {
      bar?.stop();
    },
  };
}
