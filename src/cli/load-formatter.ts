/**
 * `--format`: a built-in name, or a formatter module as ESLint loads them — a path (`./formatter.js`,
 * resolved from the working directory) or a package (`-f junit` tries `eslint-formatter-junit`, then
 * `junit`, from the working directory's node_modules). A module's default export (or `module.exports`) is
 * ESLint's formatter signature, `(results, context) => string | Promise<string>`, and gets ESLint's JSON
 * result shape and context (`cwd`, `rulesMeta`, `maxWarningsExceeded`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FORMATTERS } from '../report/formatters.js';
import { toEslintResults, type EslintResult } from '../report/json.js';
import type { FormatterContext } from '../report/types.js';
import type { LintResult } from '../lint/types.js';
import { UsageError } from '../lint/errors.js';

export interface EslintFormatterContext {
  cwd: string;
  rulesMeta: Record<string, { type: 'problem'; docs: { description: string; url: string } }>;
  maxWarningsExceeded?: { maxWarnings: number; foundWarnings: number };
}

type EslintFormatter = (results: EslintResult[], context: EslintFormatterContext) => string | Promise<string>;

/** What the CLI calls: results in, report text out. */
export type LoadedFormatter = (results: readonly LintResult[], ctx: FormatterContext, extra: { maxWarningsExceeded?: EslintFormatterContext['maxWarningsExceeded'] }) => Promise<string>;

const looksLikePath = (name: string): boolean => /[\\/]/.test(name) || name.startsWith('.') || /\.[cm]?js$/.test(name);

function candidates(name: string, cwd: string): string[] {
  if (looksLikePath(name)) return [resolve(cwd, name)];
  const require = createRequire(join(cwd, 'noop.js'));
  const names = name.startsWith('@') ? (name.includes('/') ? [name] : [`${name}/eslint-formatter`]) : name.startsWith('eslint-formatter-') ? [name] : [`eslint-formatter-${name}`, name];
  const found: string[] = [];
  for (const n of names) {
    try {
      found.push(require.resolve(n));
    } catch {
      // not installed
    }
  }
  return found;
}

export async function loadFormatter(name: string, cwd: string): Promise<LoadedFormatter> {
  const builtin = FORMATTERS[name];
  if (builtin) return async (results, ctx) => builtin(results, ctx);
  const file = candidates(name, cwd).find((f) => existsSync(f));
  if (!file) {
    throw new UsageError(`--format: "${name}" is neither a built-in format (${Object.keys(FORMATTERS).join(', ')}) nor a formatter module (a path such as ./formatter.js, or an installed eslint-formatter-${name.replace(/^eslint-formatter-/, '')})`);
  }
  let loaded: unknown;
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    loaded = mod.default ?? mod;
  } catch (err) {
    throw new UsageError(`--format: cannot load the formatter ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof loaded !== 'function') throw new UsageError(`--format: ${file} does not export a formatter function ((results, context) => string)`);
  const formatter = loaded as EslintFormatter;
  return async (results, ctx, extra) => {
    const rulesMeta = Object.fromEntries(ctx.rules.map((r) => [r.id, { type: 'problem' as const, docs: { description: r.description, url: `https://www.npmjs.com/package/novita-migrate#${r.id}` } }]));
    const out = await formatter(toEslintResults(results), { cwd: ctx.cwd, rulesMeta, ...(extra.maxWarningsExceeded ? { maxWarningsExceeded: extra.maxWarningsExceeded } : {}) });
    const text = String(out ?? '');
    return text && !text.endsWith('\n') ? `${text}\n` : text;
  };
}
