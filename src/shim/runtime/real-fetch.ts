/**
 * Shim fetches are marked with the fetch they wrap, so the runtime's own
 * outgoing calls (V2 pass-through) reach the network even while
 * installFetchShim has replaced globalThis.fetch, instead of looping back.
 */
const WRAPS = Symbol.for('novita-migrate.shim.wraps-fetch');

type Marked = typeof globalThis.fetch & { [WRAPS]?: typeof globalThis.fetch };

export function markShimFetch<F extends typeof globalThis.fetch>(shim: F, wraps: () => typeof globalThis.fetch): F {
  Object.defineProperty(shim, WRAPS, { get: wraps, enumerable: false });
  return shim;
}

/** globalThis.fetch with every shim layer peeled off. */
export function realFetch(): typeof globalThis.fetch {
  let f = globalThis.fetch as Marked;
  for (let i = 0; i < 16 && f[WRAPS]; i++) f = f[WRAPS] as Marked;
  return f;
}
