/**
 * The one shim runtime of a process. Its state lives on globalThis under a
 * registered symbol, so every copy of this code (ESM loaded twice, a
 * CommonJS require, novita-migrate/shim next to novita-migrate-shim) shares
 * one task store: an id issued anywhere polls anywhere. The state is plain
 * data plus promises of objects with methods, versioned for copies of
 * different versions.
 */
import { createSemaphore, type Semaphore } from '../v2/concurrency.js';
import { resolveConfig, type ResolvedV2ShimConfig, type V2ShimConfig } from './config.js';
import { MemoryTaskStore } from './memory-task-store.js';
import type { TaskStore } from './task-store.js';
import type { V2ClientSurface } from '../v2-http.js';

export const RUNTIME_KEY = Symbol.for('novita-migrate.shim.runtime');

/** What the loopback server offers (loopback-server.ts). */
export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Base under which it answers V2 routes: origin + an unguessable path. */
  v2Base: string;
  close(): Promise<void>;
}

export interface ShimRuntimeState {
  readonly version: 1;
  /** Set by configureV2Shim; the environment fills what it leaves out. */
  codeConfig: V2ShimConfig;
  readonly store: TaskStore;
  /** Pipelines running at once, process-wide. */
  readonly limit: Semaphore;
  /** Features already reported on stderr (once per process). */
  readonly stderrWarned: Set<string>;
  /** The runtime's V2 client, made on first use; dropped when the config changes. */
  client?: Promise<V2ClientSurface>;
  loopback?: Promise<LoopbackServer>;
  /** The loopback origin once it listens (route matching is synchronous). */
  loopbackOrigin?: string;
}

type WithRuntime = typeof globalThis & { [RUNTIME_KEY]?: ShimRuntimeState };

export function shimRuntime(): ShimRuntimeState {
  const g = globalThis as WithRuntime;
  const existing = g[RUNTIME_KEY];
  if (existing) {
    if (existing.version !== 1) throw new Error(`novita-migrate shim: another copy of the runtime (state version ${String(existing.version)}) is loaded; install one version`);
    return existing;
  }
  const state: ShimRuntimeState = {
    version: 1,
    codeConfig: {},
    store: new MemoryTaskStore(),
    limit: createSemaphore(),
    stderrWarned: new Set(),
  };
  Object.defineProperty(g, RUNTIME_KEY, { value: state, enumerable: false, configurable: true, writable: false });
  return state;
}

export function runtimeConfig(): ResolvedV2ShimConfig {
  return resolveConfig(shimRuntime().codeConfig, process.env);
}

/** Configures the process runtime (code wins over the environment). Tasks already issued stay pollable. */
export function configureV2Shim(config: V2ShimConfig): void {
  const state = shimRuntime();
  state.codeConfig = { ...state.codeConfig, ...config };
  resolveConfig(state.codeConfig, process.env); // fail now on a bad URL, not at the first call
  state.client = undefined;
}

/** Says something once per process on stderr (a copy of the runtime does not repeat it). */
export function warnOnceOnStderr(feature: string, message: string): void {
  const state = shimRuntime();
  if (state.stderrWarned.has(feature)) return;
  state.stderrWarned.add(feature);
  process.stderr.write(`novita-migrate shim: ${message}\n`);
}
