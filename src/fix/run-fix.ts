/**
 * `novita-migrate fix`: transform exactly the files lint flags, re-parse every
 * output before writing it, write atomically, and account for every call.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import writeFileAtomic from 'write-file-atomic';
import { isJsLikeFile, parseSource } from '../engine/parse.js';
import { createCrossFileResolver } from '../engine/resolver.js';
import { runLint } from '../cli/lint-run.js';
import { transformSource, type CallOutcome, type Unsupported } from '../../transforms/upscale-v2-to-v3.js';

export type FileFixStatus =
  | { kind: 'changed'; outcomes: CallOutcome[] }
  | { kind: 'unchanged'; outcomes: CallOutcome[] }
  | { kind: 'report-only'; reason: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string };

export interface FixOptions {
  cwd: string;
  dry: boolean;
  unsupported: Unsupported;
  ignorePatterns?: readonly string[];
  /** Called with a unified diff per changed file (dry runs). */
  onDiff?: (patch: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface FixReport {
  files: Map<string, FileFixStatus>;
}

const ENDPOINT_RULES = new Set(['no-v2-upscale', 'no-v2-progress']);

export async function runFix(paths: readonly string[], options: FixOptions): Promise<FixReport> {
  const results = await runLint(paths, { cwd: options.cwd, ignorePatterns: options.ignorePatterns, onProgress: options.onProgress });
  const files = new Map<string, FileFixStatus>();
  const resolver = createCrossFileResolver();
  for (const result of results) {
    const fatal = result.messages.find((m) => m.fatal);
    if (fatal) {
      files.set(result.filePath, { kind: 'skipped', reason: `does not parse (${fatal.message}, line ${fatal.line}); left untouched` });
      continue;
    }
    if (!result.messages.some((m) => m.ruleId && ENDPOINT_RULES.has(m.ruleId))) continue;
    if (!isJsLikeFile(result.filePath)) {
      files.set(result.filePath, { kind: 'report-only', reason: 'not JavaScript/TypeScript: change the URL by hand' });
      continue;
    }
    const source = readFileSync(result.filePath, 'utf8');
    let transformed;
    try {
      transformed = transformSource(source, result.filePath, { unsupported: options.unsupported, resolver });
    } catch (err) {
      files.set(result.filePath, { kind: 'failed', reason: `transform error: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    if (transformed.output === undefined || transformed.output === source) {
      files.set(result.filePath, { kind: 'unchanged', outcomes: transformed.outcomes });
      continue;
    }
    // Never write what we could not parse again.
    const reparsed = parseSource(transformed.output.replace(/^\uFEFF/, ''), result.filePath);
    if (!reparsed.ok) {
      files.set(result.filePath, { kind: 'failed', reason: `output does not re-parse (${reparsed.failure.message}); not written` });
      continue;
    }
    if (options.dry) {
      const rel = relative(options.cwd, result.filePath);
      options.onDiff?.(createTwoFilesPatch(`a/${rel}`, `b/${rel}`, source, transformed.output));
    } else {
      try {
        writeFileAtomic.sync(result.filePath, transformed.output);
      } catch (err) {
        files.set(result.filePath, { kind: 'failed', reason: `could not write: ${(err as Error).message}` });
        continue;
      }
    }
    files.set(result.filePath, { kind: 'changed', outcomes: transformed.outcomes });
  }
  return { files };
}
