/**
 * `novita-migrate/eslint-plugin`: an ESLint 9 flat-config plugin whose rules
 * are novita-migrate's rules, same ids and messages, on the same engine. The
 * file is analysed once (whatever parser ESLint used) and each ESLint rule
 * reports the findings of its own id.
 */
import type { ESLint, Linter, Rule as EslintRule } from 'eslint';
import { isJsLikeFile } from '../engine/parse.js';
import { createCrossFileResolver, type CrossFileResolver } from '../engine/resolver.js';
import type { LintMessage, RuleLevel } from '../report/types.js';
import { RULES } from '../rules/index.js';
import { lintText } from '../rules/lint-text.js';
import { packageVersion } from '../cli/version.js';

const ALL_ON: Record<string, RuleLevel> = Object.fromEntries(RULES.map((r) => [r.meta.id, 'error']));

/** One analysis per file per lint run, shared by the five rules. */
const cache = new WeakMap<object, LintMessage[]>();

/**
 * The cross-file resolver caches the modules a file imports. One resolver
 * serves a burst of files (an `eslint` run); after a pause (an editor's next
 * keystroke) a fresh one reads imported modules again, so edits to them show.
 */
const RESOLVER_IDLE_MS = 2000;
let resolver: CrossFileResolver | undefined;
let resolverUsedAt = 0;

function currentResolver(): CrossFileResolver {
  const now = Date.now();
  if (!resolver || now - resolverUsedAt > RESOLVER_IDLE_MS) resolver = createCrossFileResolver();
  resolverUsedAt = now;
  return resolver;
}

function findingsFor(context: EslintRule.RuleContext): LintMessage[] {
  const source = context.sourceCode;
  let messages = cache.get(source);
  if (!messages) {
    // ESLint already parsed the file; a file our parser rejects is ESLint's to report, not ours.
    // ESLint only hands us script files; a name without a JS extension (`<input>`) is still code.
    const file = isJsLikeFile(context.filename) ? context.filename : `${context.filename}.js`;
    // Imports resolve relative to the file's own path, as in the CLI.
    // `eslint-disable…` comments are ESLint's to apply (and to report when unused), not ours.
    messages = lintText(source.text, file, { ruleLevels: ALL_ON, resolver: currentResolver(), eslintDirectives: false }).messages.filter((m) => !m.fatal);
    cache.set(source, messages);
  }
  return messages;
}

function eslintRule(id: string): EslintRule.RuleModule {
  const meta = RULES.find((r) => r.meta.id === id)!.meta;
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.description, url: `https://www.npmjs.com/package/novita-migrate#${id}` },
      schema: [],
    },
    create(context) {
      return {
        Program() {
          for (const m of findingsFor(context)) {
            if (m.ruleId !== id) continue;
            context.report({
              message: m.message,
              loc: { start: { line: m.line, column: m.column - 1 }, end: { line: m.endLine ?? m.line, column: (m.endColumn ?? m.column) - 1 } },
            });
          }
        },
      };
    },
  };
}

const rules = Object.fromEntries(RULES.map((r) => [r.meta.id, eslintRule(r.meta.id)]));

const plugin = {
  meta: { name: 'novita-migrate', version: packageVersion() },
  rules,
  configs: {} as Record<string, Linter.Config>,
} satisfies ESLint.Plugin;

/** `...novitaMigrate.configs.recommended` in an eslint.config.js: every rule at its default severity. */
plugin.configs.recommended = {
  name: 'novita-migrate/recommended',
  plugins: { 'novita-migrate': plugin },
  rules: Object.fromEntries(RULES.map((r) => [`novita-migrate/${r.meta.id}`, r.meta.defaultSeverity])),
};

export default plugin;
export { rules };
