/**
 * A cheap byte-level test run before parsing. Every URL we detect is built
 * from a string naming the endpoint (`/v2/upscale`, `'/upscale'` on a `/v2`
 * base, `ENDPOINTS.upscale`, `UPSCALE_URL`) or comes from novita-sdk's
 * `upscale`/`progress`, so a file that never says `upscale` or `progress` is
 * never parsed. Among the rest, a file must also mention `v2` or a Novita
 * name, or import something: an imported constant (`${API_BASE}/upscale`
 * with `API_BASE` ending in `/v2`) can supply the missing part. `task-result`
 * lets in V3 polls, whose responses may still be read as V2's (v2-read-on-v3).
 *
 * One pass: the bytes are viewed as Latin-1 (a copy, no decoding: every
 * needle is ASCII, so a UTF-8 byte can never fake one) and searched with one
 * alternation, which V8 compiles to a single scan; five `Buffer#indexOf`
 * scans per file measured ~1.7x slower on the bench trees. Files read from
 * disk take a faster path still (prefilter-scan.ts: the same words, found
 * by a SIMD kernel where they were read); `mayContainV2CallInScanArea`.
 */
import { NOVITA_HOSTS, V2_PROGRESS_PATH, V2_UPSCALE_PATH, V3_TASK_RESULT_PATH } from '../spec/endpoints.js';
import { scanAreaHasEndpointWord } from './prefilter-scan.js';

const lastSegment = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * The names a call site's text must contain somewhere (any case): the endpoints' own (`upscale`, `progress`,
 * `task-result`, from src/spec). The later, AST-level looks (call-site-evidence.ts, statement-ranges.ts) test
 * these; the byte test below and the kernel look for the same words in the cases code writes them.
 */
export const ENDPOINT_NAME = new RegExp([V2_UPSCALE_PATH, V2_PROGRESS_PATH, V3_TASK_RESULT_PATH].map(lastSegment).join('|'), 'i');

/** A Novita host's own name (`novita`, `omniinfer`), from src/spec. */
export const NOVITA_NAME = new RegExp(NOVITA_HOSTS.map((h) => h.split('.')[1]).join('|'), 'i');

// Case variants cover `upscale`, `Upscale`, `UPSCALE`, `progress`, `Progress`, `PROGRESS`.
const ENDPOINT_WORDS = /pscale|PSCALE|rogress|ROGRESS|task-result/;
const CONTEXT_WORDS = /v2|V2|ovita|OVITA|omniinfer|OMNIINFER|import|require/;

function asLatin1(text: string | Buffer): string {
  return typeof text === 'string' ? text : text.toString('latin1');
}

export function mayContainV2Call(text: string | Buffer): boolean {
  const s = asLatin1(text);
  return ENDPOINT_WORDS.test(s) && CONTEXT_WORDS.test(s);
}

/** `mayContainV2Call` for the first `length` bytes of the scan area (see prefilter-scan.ts). */
export function mayContainV2CallInScanArea(area: Buffer, length: number): boolean {
  return scanAreaHasEndpointWord(length) && CONTEXT_WORDS.test(area.toString('latin1', 0, length));
}

const DIRECTIVE = 'novita-migrate-disable';

/**
 * With `--report-unused-disable-directives`, a file holding one of our
 * disable comments is a candidate too (its comment may suppress nothing).
 */
export function mayHoldDisableDirective(text: string | Buffer): boolean {
  return typeof text === 'string' ? text.includes(DIRECTIVE) : text.indexOf(DIRECTIVE) >= 0;
}
