/**
 * `--format json` on stdout, written as results arrive instead of built
 * whole: ESLint's JSON lists every file, clean ones included, and at
 * 200,000 files the array of results, its ESLint-shaped copy and the one
 * string holding it all were most of the run's memory. The bytes are the
 * json formatter's own: each result goes through `toEslintResults`, and
 * `JSON.stringify` of an array is its items' JSON joined by commas.
 */
import { toEslintResults } from '../report/json.js';
import type { LintResult } from '../lint/types.js';
import { toResult } from '../lint/lint-run.js';
import type { ResultSink } from '../lint/result-order.js';

/** Written in pieces of about this size: few write(2) calls, little held. */
const CHUNK_CHARS = 64 * 1024;

export interface JsonStream extends ResultSink {
  /** Writes what is left and the closing bracket. */
  end(): void;
}

export function jsonStream(write: (text: string) => void, transform: (r: LintResult) => LintResult = (r) => r): JsonStream {
  // A clean file's JSON is the same but for its path: made once from a marker, then filled in.
  const marker = '\u0000novita-migrate-path\u0000';
  const [cleanHead, cleanTail] = JSON.stringify(toEslintResults([transform(toResult(marker, []))])[0]).split(JSON.stringify(marker)) as [string, string];
  let pieces: string[] = [];
  let size = 0;
  let first = true;
  const push = (json: string): void => {
    pieces.push(first ? `[${json}` : `,${json}`);
    first = false;
    size += json.length + 1;
    if (size >= CHUNK_CHARS) flush();
  };
  const flush = (): void => {
    if (pieces.length === 0) return;
    write(pieces.join(''));
    pieces = [];
    size = 0;
  };
  return {
    result: (r) => push(JSON.stringify(toEslintResults([transform(r)])[0])),
    clean: (file) => push(cleanHead + JSON.stringify(file) + cleanTail),
    end() {
      if (first) pieces.push('[');
      pieces.push(']\n');
      flush();
    },
  };
}
