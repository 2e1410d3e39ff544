/**
 * What the CLI's main thread loads before a lint run walks the tree: the
 * parser and rule checks belong on the candidate thread, and every module
 * the main thread evaluates at start-up is paid on every run (`--version`
 * included). These guard the bundle's start-up graph, not a timing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BUNDLE = fileURLToPath(new URL('../../dist/src/bundle/', import.meta.url));

/** The chunks `bin` evaluates before its first `await`-ed dynamic import returns: static imports, transitively, plus that import. */
function startupChunks(): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(join(BUNDLE, file), 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([\w-]+\.js)"/gm)) visit(m[1]!);
    for (const m of text.matchAll(/^import\s*"\.\/([\w-]+\.js)"/gm)) visit(m[1]!);
    // bin's `await import('./main.js')` is start-up too; other dynamic imports (fix, shim, the parser fallback) are not.
    if (file === 'novita-migrate.js') for (const m of text.matchAll(/^await import\("\.\/([\w-]+\.js)"\)/gm)) visit(m[1]!);
  };
  visit('novita-migrate.js');
  return seen;
}

describe('the CLI start-up bundle', () => {
  const chunks = startupChunks();

  it('reaches the CLI itself (the graph is read right)', () => {
    expect([...chunks.values()].some((text) => text.includes('// src/cli/main.ts'))).toBe(true);
  });

  it('loads no Babel package on the main thread', () => {
    const babel = [...chunks].filter(([, text]) => text.includes('// node_modules/@babel/')).map(([file]) => file);
    expect(babel).toEqual([]);
  });

  it('builds no Intl.Segmenter at load time (string-width makes one on first use)', () => {
    const eager = [...chunks].filter(([, text]) => /^(?:var|let|const) \w+ = new Intl\.Segmenter\(/m.test(text)).map(([file]) => file);
    expect(eager).toEqual([]);
  });
});

describe("the candidate thread's Babel", () => {
  // What the thread runs (candidate-worker-boot.ts): its code as one CommonJS file.
  const traverse = readFileSync(join(BUNDLE, 'candidate-worker-code.cjs'), 'utf8');

  it('is bundled there (the check below reads the right file)', () => {
    expect(traverse).toContain('"node_modules/@babel/traverse/lib/path/index.js"');
  });

  it('loads the code generator, template, code-frame and debug only on use', () => {
    for (const name of ['_generator', '_template', '_codeFrame']) expect(traverse).toContain(`var ${name} = new Proxy(`);
    expect(traverse).toContain('var _debug = process.env.DEBUG ? require_');
  });
});
