/** Parsing with @babel/parser: the one parser lint, fix and the ESLint plugin share. */
import { parse, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import type { ParseFailure } from './types.js';

const JS_LIKE = /\.(?:[cm]?[jt]sx?)$/i;

export function isJsLikeFile(filePath: string): boolean {
  return JS_LIKE.test(filePath) && !/\.d\.[cm]?ts$/i.test(filePath);
}

const COMMON: ParserPlugin[] = [
  ['decorators', { decoratorsBeforeExport: true }],
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  'dynamicImport',
  'importMeta',
  'topLevelAwait',
  'explicitResourceManagement',
  'importAttributes',
];

/** `.ts` gets `typescript` without `jsx`, so `<T>x` assertions parse; `.tsx` gets both. */
export function parserPluginsFor(filePath: string): ParserPlugin[] {
  const lower = filePath.toLowerCase();
  if (/\.[cm]?ts$/.test(lower)) return ['typescript', ...COMMON];
  if (lower.endsWith('.tsx')) return ['typescript', 'jsx', ...COMMON];
  return ['jsx', ...COMMON];
}

export type ParseResult = { ok: true; ast: t.File } | { ok: false; failure: ParseFailure };

/** V8's "Maximum call stack size exceeded": a valid file nested deeper than this thread's stack. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

export interface ParseOptions {
  /** Throw a stack overflow instead of reporting it as a parse error (lint retries on a bigger stack). */
  rethrowStackOverflow?: boolean;
  /** Attach comments to nodes (default true; lint does not need them, and they cost memory on big files). */
  attachComment?: boolean;
}

/**
 * TypeScript syntax in a `.js`/`.jsx`/`.mjs`/`.cjs` file (type annotations, `as`, `satisfies`, generics)
 * parses on a second try with `typescript` + `jsx`: only when plain JavaScript fails, so valid JavaScript
 * never changes meaning; a file that fails both ways reports the JavaScript error.
 */
export function parseSource(source: string, filePath: string, options: ParseOptions = {}): ParseResult {
  const first = parseWith(source, parserPluginsFor(filePath), options);
  if (first.ok || !/\.[cm]?jsx?$/i.test(filePath)) return first;
  const asTypeScript = parseWith(source, ['typescript', 'jsx', ...COMMON], options);
  return asTypeScript.ok ? asTypeScript : first;
}

function parseWith(source: string, plugins: ParserPlugin[], options: ParseOptions): ParseResult {
  try {
    const ast = parse(source, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
      plugins,
      attachComment: options.attachComment ?? true,
    });
    // Error recovery lets us find the first error; a file with any is reported, ESLint-style.
    const first = ast.errors?.[0] as { reasonCode?: string; message?: string; loc?: { line: number; column: number } } | undefined;
    if (first) {
      return { ok: false, failure: { message: cleanMessage(first.message ?? 'Parsing error'), line: first.loc?.line ?? 1, column: (first.loc?.column ?? 0) + 1 } };
    }
    return { ok: true, ast };
  } catch (err) {
    if (options.rethrowStackOverflow && isStackOverflow(err)) throw err;
    const e = err as { message?: string; loc?: { line: number; column: number } };
    return { ok: false, failure: { message: cleanMessage(e.message ?? 'Parsing error'), line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1 } };
  }
}

function cleanMessage(message: string): string {
  // Babel appends " (line:col)"; the location is reported separately.
  return `Parsing error: ${message.replace(/\s*\(\d+:\d+\)\s*$/, '')}`;
}
