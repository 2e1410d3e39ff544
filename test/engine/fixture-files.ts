/** Every file under __fixtures__, for tests that check a property across all of them. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSource } from '../../src/engine/analyze.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import type { FileAnalysis } from '../../src/engine/types.js';

export const FIXTURES = fileURLToPath(new URL('../../__fixtures__', import.meta.url));

export function allFiles(dir: string = FIXTURES): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

/** The analysis of `__fixtures__/<dir>/<name>`, as lint gets it (a parse failure throws). */
export function analyseFixture(dir: string, name: string): FileAnalysis {
  const file = join(FIXTURES, dir, name);
  const a = analyzeSource(readFileSync(file, 'utf8'), file, { resolver: createCrossFileResolver() });
  if ('failure' in a) throw new Error(a.failure.message);
  return a;
}
