/**
 * Lint one file's text: prefilter, parse, analyze, run the rules, apply
 * disable comments. Pure (text in, messages out): the CLI, the worker pool
 * and the ESLint plugin all call this.
 */
import { analyzeAst } from '../engine/analyze.js';
import { isJsLikeFile, parseSource } from '../engine/parse.js';
import { mayContainV2Call } from '../engine/prefilter.js';
import type { CrossFileResolver } from '../engine/resolver.js';
import { scanTextForV2Urls } from '../engine/text-scan.js';
import type { FileAnalysis } from '../engine/types.js';
import type { LintMessage, RuleLevel, SuppressedMessage } from '../report/types.js';
import { applyDirectives } from './disable-comments.js';
import { RULES } from './index.js';
import type { RuleContext } from './rule.js';

export interface LintTextOptions {
  /** Levels by rule id; a rule missing here runs at its default severity. */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  resolver?: CrossFileResolver;
  /** Honour `eslint-disable…` comments for our rules (default true; the ESLint plugin leaves them to ESLint). */
  eslintDirectives?: boolean;
  /** Report `novita-migrate-disable…` comments that suppress nothing, at this severity (default `off`). */
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

export interface LintTextResult {
  messages: LintMessage[];
  /** The analysis, when the file was parsed (fix acts on it). */
  analysis?: FileAnalysis;
  /** What disable comments suppressed (ESLint's `suppressedMessages`). */
  suppressedMessages: SuppressedMessage[];
}

const SEVERITY = { warn: 1, error: 2 } as const;

export function lintText(text: string, filePath: string, options: LintTextOptions = {}): LintTextResult {
  if (!mayContainV2Call(text)) return { messages: [], suppressedMessages: [] };
  const messages: LintMessage[] = [];
  let analysis: FileAnalysis | undefined;
  const base: Omit<RuleContext, 'report'> = { filePath };
  if (isJsLikeFile(filePath)) {
    const parsed = parseSource(text, filePath);
    if (!parsed.ok) {
      return { messages: [{ ruleId: null, fatal: true, severity: 2, message: parsed.failure.message, line: parsed.failure.line, column: parsed.failure.column }], suppressedMessages: [] };
    }
    analysis = analyzeAst(parsed.ast, filePath, { resolver: options.resolver });
    base.analysis = analysis;
  } else {
    base.textMatches = scanTextForV2Urls(text);
  }
  for (const rule of RULES) {
    const level = options.ruleLevels?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (level === 'off') continue;
    rule.check({
      ...base,
      report: ({ span, message }) =>
        messages.push({ ruleId: rule.meta.id, severity: SEVERITY[level], message, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn }),
    });
  }
  const directives = applyDirectives(messages, text, { eslint: options.eslintDirectives ?? true, reportUnused: options.reportUnusedDisableDirectives });
  const kept = [...directives.kept, ...directives.unused];
  const byPosition = (a: LintMessage, b: LintMessage): number => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '');
  kept.sort(byPosition);
  directives.suppressed.sort(byPosition);
  return { messages: kept, analysis, suppressedMessages: directives.suppressed };
}
