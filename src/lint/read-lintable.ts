/**
 * Read one file for linting and run the byte prefilter on it, without
 * decoding the (vast majority of) files that cannot hold a call. Runs on the
 * main thread and on the candidate thread (which reads batches of the tree).
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { mayContainV2Call, mayContainV2CallInScanArea, mayHoldDisableDirective } from '../engine/prefilter.js';
import { scanArea, scanAreaHasNul } from '../engine/prefilter-scan.js';
import type { LintMessage } from '../rules/types.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * One buffer, reused for every file: reading 20,000 files into fresh
 * buffers costs more in garbage collection than in I/O. It is the byte
 * prefilter's scan area, so a file is searched where it was read.
 */
let shared = scanArea(256 * 1024);

/** Non-blocking: a FIFO that slipped past discovery (replaced after the walk) reads as empty instead of hanging. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** UTF-16 text (a BOM FF FE or FE FF) decoded; null for anything else. */
function decodeUtf16(buf: Buffer): string | null {
  if (buf.length < 2) return null;
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2, buf.length - (buf.length % 2));
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const body = Buffer.from(buf.subarray(2, buf.length - (buf.length % 2)));
    return body.swap16().toString('utf16le');
  }
  return null;
}

/**
 * A file too big to lint that names a V2 endpoint in what was read of it: reported as a warning (ESLint's way
 * with files it will not lint), not only as a `--debug` note, since it may hold a call.
 */
export const TOO_BIG_WARNING: LintMessage = {
  ruleId: null,
  severity: 1,
  message: `File not linted: it is over the ${MAX_FILE_BYTES / 1024 / 1024} MB size limit (bundled or generated code?) and names a V2 endpoint. Lint the sources it is built from.`,
  line: 1,
  column: 1,
};

export type Lintable = { text: string } | { skipped: string; warning?: LintMessage };

/** Read a file for linting, or say why it is skipped. `text` is '' when the prefilter rules the file out (`directives`: a disable comment lets it in). */
export function readLintable(file: string, directives = false): Lintable {
  const candidate = (t: string): boolean => mayContainV2Call(t) || (directives && mayHoldDisableDirective(t));
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (err) {
    return { skipped: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    // No fstat: read until the end, growing the buffer for the rare big file.
    let length = 0;
    for (;;) {
      if (length === shared.length) {
        if (length > MAX_FILE_BYTES) return tooBig(length);
        shared = scanArea(shared.length * 2);
      }
      const want = shared.length - length;
      const n = readSync(fd, shared, length, want, null);
      length += n;
      // A short read of a regular file is its end: no second read(2) to see 0 bytes.
      if (n < want) break;
    }
    if (length > MAX_FILE_BYTES) return tooBig(length);
    // UTF-16 (a BOM FF FE / FE FF) is decoded; everything else is searched where it was read.
    if (length >= 2 && shared[0]! >= 0xfe) {
      const utf16 = decodeUtf16(shared.subarray(0, length));
      if (utf16 !== null) return { text: candidate(utf16) ? utf16 : '' };
    }
    // Most files stop here, before any decoding or parsing (and without a single allocation).
    if (!mayContainV2CallInScanArea(shared, length) && !(directives && mayHoldDisableDirective(shared.subarray(0, length)))) return scanAreaHasNul(length) ? { skipped: 'binary' } : { text: '' };
    if (scanAreaHasNul(length)) return { skipped: 'binary' };
    const buf = shared.subarray(0, length);
    let text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { skipped: code === 'EAGAIN' ? 'not a regular file' : `unreadable (${code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}


/** What was read of a file over the limit (it is in the scan area) decides whether it may hold a call. */
function tooBig(length: number): Lintable {
  const skipped = `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
  return mayContainV2CallInScanArea(shared, length) ? { skipped, warning: TOO_BIG_WARNING } : { skipped };
}
