/**
 * HTTP to V3 with retries: transient failures (429, 5xx, network errors, a
 * hung request) are retried with exponential backoff and full jitter,
 * honouring Retry-After, within one deadline per step; whatever is left
 * becomes the V2 code a V2 client expects. The API key never appears in an
 * error message.
 */
import { V2_CODES, v2CodeName } from '../../spec/codes.js';
import { V3_ERROR_FIELD } from '../../spec/v3.js';
import { V2Error } from '../backend.js';

export interface RetryPolicy {
  fetch: typeof globalThis.fetch;
  /** Total time one step (submit, poll, download) may take. */
  deadlineMs: number;
  /** One HTTP attempt gives up after this long (a hung upstream). */
  attemptTimeoutMs: number;
  /** Retries of one HTTP call after the first attempt. */
  maxRetries: number;
  /** First backoff delay; doubles per retry, with full jitter. */
  retryBaseMs: number;
}

/** The V3 error body of a non-2xx answer (names from src/spec). */
interface V3ErrorBody {
  [V3_ERROR_FIELD.code]?: unknown;
  [V3_ERROR_FIELD.reason]?: unknown;
  [V3_ERROR_FIELD.message]?: unknown;
}

/** The error body's human-readable parts, reason first. */
function errorTexts(body: V3ErrorBody): unknown[] {
  return [body[V3_ERROR_FIELD.reason], body[V3_ERROR_FIELD.message]];
}

const RETRY_AFTER_CAP_MS = 60_000;
export const BILLING_WORDS = /balance|billing|insufficient|quota|payment|credit/i;

type Failure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'status'; status: number; retryAfterMs?: number; body: V3ErrorBody | undefined };

/** One step's clock: the earlier of the deadline and the caller's signal. */
export interface Step {
  ends: number;
  signal?: AbortSignal;
  key?: string;
}

export interface RetryingHttp {
  startStep(signal: AbortSignal | undefined, key?: string): Step;
  /** Throws code 9 when the step is out of time. */
  checkStep(step: Step): void;
  sleep(ms: number, step: Step): Promise<void>;
  /** An HTTP call with retries; a 2xx response, or a V2Error. */
  call(url: string, init: RequestInit, step: Step, what: string): Promise<Response>;
  redact(text: string, key: string | undefined): string;
}

export function createRetryingHttp(policy: RetryPolicy): RetryingHttp {
  const { deadlineMs, attemptTimeoutMs, maxRetries, retryBaseMs } = policy;
  const doFetch = policy.fetch;

  /** Removes the key from any text that came back from upstream. */
  function redact(text: string, key: string | undefined): string {
    return key ? text.split(key).join('***') : text;
  }

  function startStep(signal: AbortSignal | undefined, key?: string): Step {
    return { ends: Date.now() + deadlineMs, signal, key };
  }

  function checkStep(step: Step): void {
    if (step.signal?.aborted || Date.now() >= step.ends) {
      throw v2Fail(V2_CODES.Timeout, 'the upstream V3 call did not finish before the deadline');
    }
  }

  function sleep(ms: number, step: Step): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        step.signal?.removeEventListener('abort', done);
        resolve();
      }
      step.signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** One HTTP attempt; classifies every way it can fail. */
  async function attempt(url: string, init: RequestInit, step: Step): Promise<Response | Failure> {
    const budget = Math.min(attemptTimeoutMs, step.ends - Date.now());
    const timeout = AbortSignal.timeout(Math.max(1, budget));
    const signal = step.signal ? AbortSignal.any([step.signal, timeout]) : timeout;
    try {
      const res = await doFetch(url, { ...init, signal });
      if (res.ok) return res;
      const text = await res.text().catch(() => '');
      return { kind: 'status', status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')), body: parseErrorBody(text) };
    } catch (err) {
      if (timeout.aborted || step.signal?.aborted) return { kind: 'timeout' };
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
      return { kind: 'unreachable', detail: redact(cause || (err instanceof Error ? err.message : String(err)), step.key) };
    }
  }

  /** An HTTP call with retries on 429/5xx/network/timeouts; throws V2Error for the rest. */
  async function call(url: string, init: RequestInit, step: Step, what: string): Promise<Response> {
    let last: Failure | undefined;
    for (let retry = 0; ; retry++) {
      if (step.signal?.aborted || Date.now() >= step.ends) break;
      const result = await attempt(url, init, step);
      if (result instanceof Response) return result;
      last = result;
      if (result.kind === 'status' && !isRetryable(result.status)) throw statusError(result, what, step.key);
      if (retry >= maxRetries) break;
      const backoff = Math.random() * retryBaseMs * 2 ** retry;
      const wait = result.kind === 'status' && result.retryAfterMs !== undefined ? result.retryAfterMs : backoff;
      if (Date.now() + wait >= step.ends) break;
      await sleep(wait, step);
    }
    throw giveUpError(last, what, step);
  }

  function giveUpError(last: Failure | undefined, what: string, step: Step): V2Error {
    const outOfTime = step.signal?.aborted || Date.now() >= step.ends;
    if (last?.kind === 'unreachable') return v2Fail(V2_CODES.HostUnavailable, `V3 upstream unreachable (${what}): ${last.detail}`);
    if (last?.kind === 'status' && !outOfTime) {
      return v2Fail(V2_CODES.HostUnavailable, `V3 upstream kept failing (${what}): HTTP ${last.status}${describeBody(last.body, step.key)}`);
    }
    return v2Fail(V2_CODES.Timeout, `V3 upstream timed out (${what})`);
  }

  function statusError(f: Extract<Failure, { kind: 'status' }>, what: string, key: string | undefined): V2Error {
    const detail = `V3 ${what} refused: HTTP ${f.status}${describeBody(f.body, key)}`;
    if (f.status === 402 || isBillingBody(f.body)) return v2Fail(V2_CODES.CostBalanceFailure, detail);
    if (f.status === 401 || f.status === 403) return v2Fail(V2_CODES.InvalidAuth, `V3 ${what} refused the API key: HTTP ${f.status}`);
    if (f.status === 400 || f.status === 413 || f.status === 422) return v2Fail(V2_CODES.ParamRangeOutOfLimit, detail);
    return v2Fail(V2_CODES.InternalError, detail);
  }

  function describeBody(body: V3ErrorBody | undefined, key: string | undefined): string {
    if (!body) return '';
    const parts = errorTexts(body).filter((p): p is string => typeof p === 'string' && p.length > 0);
    return parts.length ? ` ${redact(parts.join(': '), key)}` : '';
  }

  return { startStep, checkStep, sleep, call, redact };
}

/**
 * A V2Error whose message also names the V2 code: when the failure happens
 * inside a task, V2 clients only see the message (as `failed_reason`).
 */
export function v2Fail(code: number, text: string): V2Error {
  return new V2Error(code, `${text} [V2 code ${code} ${v2CodeName(code) ?? ''}]`.replace(' ]', ']'));
}

function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After as delay seconds or an HTTP date; capped so a silly value cannot stall a task. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - Date.now()), RETRY_AFTER_CAP_MS);
}

function parseErrorBody(text: string): V3ErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as V3ErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function isBillingBody(body: V3ErrorBody | undefined): boolean {
  return !!body && errorTexts(body).some((t) => typeof t === 'string' && BILLING_WORDS.test(t));
}

