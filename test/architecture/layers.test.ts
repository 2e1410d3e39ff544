/**
 * Layers import downwards only (README "Layout"): a module may import its own
 * layer and the layers below it, never one above. This reads every import of
 * every source file, static and dynamic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** What each layer may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  spec: [],
  engine: ['spec'],
  rules: ['engine', 'spec'],
  lint: ['rules', 'engine', 'spec', 'package-version.ts'],
  report: ['lint', 'rules', 'spec'],
  fix: ['lint', 'rules', 'engine', 'spec', 'transforms', 'package-version.ts'],
  'eslint-plugin': ['fix', 'lint', 'rules', 'engine', 'spec', 'transforms', 'package-version.ts'],
  cli: ['fix', 'report', 'lint', 'rules', 'engine', 'spec', 'shim', 'package-version.ts'],
  shim: ['spec'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** `engine`, `lint`, … for a path under src/; `transforms` for the transforms; a top-level file's own name. */
function layerOf(abs: string): string {
  const rel = relative(SRC, abs);
  if (rel.startsWith('..')) return relative(join(SRC, '..'), abs).split('/')[0]!;
  return rel.split('/')[0]!.replace(/\.js$/, '.ts');
}

describe('layers', () => {
  for (const layer of Object.keys(ALLOWED)) {
    it(`${layer} imports only ${ALLOWED[layer]!.join(', ') || 'itself'}`, () => {
      const wrong: string[] = [];
      for (const file of sourceFiles(join(SRC, layer))) {
        for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
          const target = layerOf(resolve(dirname(file), spec!));
          if (target !== layer && !ALLOWED[layer]!.includes(target)) wrong.push(`${relative(SRC, file)} imports ${spec} (${target})`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('every directory under src/ is a known layer', () => {
    const dirs = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(dirs.filter((d) => !(d in ALLOWED))).toEqual([]);
  });
});
