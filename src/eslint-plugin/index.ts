/**
 * `novita-migrate/eslint-plugin`: an ESLint 9 flat-config plugin whose rules
 * are novita-migrate's rules, same ids and messages, on the same engine. The
 * file is analysed once (whatever parser ESLint used) and each ESLint rule
 * reports the findings of its own id.
 */
import type { ESLint, Linter, Rule as EslintRule, SourceCode } from 'eslint';
import { isJsLikeFile } from '../engine/parse.js';
import { createCrossFileResolver, type CrossFileResolver } from '../engine/resolver.js';
import type { FileAnalysis } from '../engine/types.js';
import type { LintMessage, RuleLevel } from '../rules/types.js';
import { applyDirectives } from '../rules/disable-comments.js';
import { RULES } from '../rules/index.js';
import { lintText } from '../lint/lint-text.js';
import { packageVersion } from '../package-version.js';
import { planFixes, siteKey, type FixDecision } from './fix-plan.js';

const ALL_ON: Record<string, RuleLevel> = Object.fromEntries(RULES.map((r) => [r.meta.id, 'error']));

interface Findings {
  messages: LintMessage[];
  analysis?: FileAnalysis;
  /** The file name the engine saw. */
  file: string;
}

/** One analysis per file per lint run, shared by its rules. */
const cache = new WeakMap<SourceCode, Findings>();
/** Which of our rules ESLint runs on a file: it creates every enabled rule before it traverses. */
const enabledRules = new WeakMap<SourceCode, Set<string>>();
/** What fix would do with each call, planned once per file (only when an endpoint rule runs). */
const plans = new WeakMap<SourceCode, Map<string, FixDecision>>();

/** The rules whose messages fix acts on (as `novita-migrate fix`: a call is migrated only when its endpoint message is reported). */
const ENDPOINT_RULES: Readonly<Record<string, 'upscale' | 'progress'>> = { 'no-v2-upscale': 'upscale', 'no-v2-progress': 'progress' };

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

function findingsFor(context: EslintRule.RuleContext): Findings {
  const source = context.sourceCode;
  let findings = cache.get(source);
  if (!findings) {
    // ESLint already parsed the file; a file our parser rejects is ESLint's to report, not ours.
    // ESLint only hands us script files; a name without a JS extension (`<input>`) is still code.
    const file = isJsLikeFile(context.filename) ? context.filename : `${context.filename}.js`;
    // Imports resolve relative to the file's own path, as in the CLI.
    // `eslint-disable…` comments are ESLint's to apply (and to report when unused), not ours.
    const result = lintText(source.text, file, { ruleLevels: ALL_ON, resolver: currentResolver(), eslintDirectives: false });
    findings = { messages: result.messages.filter((m) => !m.fatal), analysis: result.analysis, file };
    cache.set(source, findings);
  }
  return findings;
}

/**
 * fix acts on a call only when its endpoint message survives: the rule is on
 * and no disable comment (ours or `eslint-disable…` for our rule) hides it.
 * ESLint drops the fix of a message it suppresses, but a flow's fix covers
 * its other calls too, so the plan must know up front.
 */
function planFor(context: EslintRule.RuleContext): Map<string, FixDecision> {
  const source = context.sourceCode;
  let plan = plans.get(source);
  if (!plan) {
    const { messages, analysis, file } = findingsFor(context);
    const on = enabledRules.get(source) ?? new Set<string>();
    const endpoint = messages.filter((m) => m.ruleId !== null && ENDPOINT_RULES[m.ruleId] && on.has(m.ruleId));
    const reported = applyDirectives(endpoint, source.text, { eslint: true }).kept;
    plan = analysis ? planFixes(source.text, file, analysis, new Set(reported.map((m) => siteKey(m.line, m.column))), currentResolver()) : new Map();
    plans.set(source, plan);
  }
  return plan;
}

/** The decision, in the message text (what an editor shows) and as the messageId (what a formatter can read). */
const DECISION_MESSAGES = {
  fixV3: '{{message}} [fix: rewrites this task flow to V3 exactly; autofixable]',
  fixShim: '{{message}} [fix: routes this {{what}} through novita-migrate-shim ({{reasons}}); a suggestion, no autofix]',
  fixTodo: '{{message}} [fix: leaves it on V2 with a TODO: {{reasons}}]',
  fixKept: '{{message}} [fix: {{reason}}]',
} as const;

const SHIM_SUGGESTION = 'Route this {{what}} through novita-migrate-shim (adds its import; add novita-migrate-shim to your dependencies)';

function reportWithDecision(context: EslintRule.RuleContext, m: LintMessage, loc: EslintRule.ReportDescriptorLocation, decision: FixDecision | undefined): void {
  if (!decision) return context.report({ message: m.message, ...loc });
  switch (decision.kind) {
    case 'v3': {
      const { range, text } = decision.edit;
      return context.report({ messageId: 'fixV3', data: { message: m.message }, ...loc, fix: (fixer) => fixer.replaceTextRange(range, text) });
    }
    case 'shim': {
      const { range, text } = decision.edit;
      const what = decision.lone ? 'call' : 'task flow';
      return context.report({
        messageId: 'fixShim',
        data: { message: m.message, what, reasons: decision.reasons.join('; ') },
        ...loc,
        suggest: [{ messageId: 'routeToShim', data: { what }, fix: (fixer) => fixer.replaceTextRange(range, text) }],
      });
    }
    case 'todo':
      return context.report({ messageId: 'fixTodo', data: { message: m.message, reasons: decision.reasons.join('; ') }, ...loc });
    case 'kept':
      return context.report({ messageId: 'fixKept', data: { message: m.message, reason: decision.reason }, ...loc });
  }
}

function eslintRule(id: string): EslintRule.RuleModule {
  const meta = RULES.find((r) => r.meta.id === id)!.meta;
  const endpoint = Boolean(ENDPOINT_RULES[id]);
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.description, url: `https://www.npmjs.com/package/novita-migrate#${id}` },
      schema: [],
      // Only the endpoint rules carry fixes: fix migrates a call when its endpoint message is reported.
      ...(endpoint ? { fixable: 'code' as const, hasSuggestions: true, messages: { ...DECISION_MESSAGES, routeToShim: SHIM_SUGGESTION } } : {}),
    },
    create(context) {
      let on = enabledRules.get(context.sourceCode);
      if (!on) enabledRules.set(context.sourceCode, (on = new Set()));
      on.add(id);
      return {
        Program() {
          const plan = endpoint ? planFor(context) : undefined;
          for (const m of findingsFor(context).messages) {
            if (m.ruleId !== id) continue;
            const loc = { loc: { start: { line: m.line, column: m.column - 1 }, end: { line: m.endLine ?? m.line, column: (m.endColumn ?? m.column) - 1 } } };
            reportWithDecision(context, m, loc, plan?.get(siteKey(m.line, m.column)));
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
