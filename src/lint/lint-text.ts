/**
 * Lint one file's text: prefilter, parse, analyze, run the rules, apply
 * disable comments. Pure (text in, messages out): the CLI, the worker pool
 * and the ESLint plugin all call this.
 */
import { analyzeAst } from '../engine/analyze.js';
import { isJsLikeFile, isStackOverflow, parseSource } from '../engine/parse.js';
import { parseForLint } from '../engine/parse-for-lint.js';
import { mayContainV2Call, mayHoldDisableDirective } from '../engine/prefilter.js';
import type { CrossFileResolver } from '../engine/resolver.js';
import { scanTextForV2Urls } from '../engine/text-scan.js';
import type { FileAnalysis } from '../engine/types.js';
import type { LintMessage, RuleLevel, SuppressedMessage } from '../rules/types.js';
import { applyDirectives } from '../rules/disable-comments.js';
import { RULES } from '../rules/index.js';
import { blankScripts, scriptBlocksOf } from '../rules/script-blocks.js';
import type { RuleContext } from '../rules/rule.js';

export interface LintTextOptions {
  /** Levels by rule id; a rule missing here runs at its default severity. */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  resolver?: CrossFileResolver;
  /** Honour `eslint-disable…` comments for our rules (default true; the ESLint plugin leaves them to ESLint). */
  eslintDirectives?: boolean;
  /** Report `novita-migrate-disable…` comments that suppress nothing, at this severity (default `off`). */
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
  /** Parse every statement of an ES module, not only those that can hold a call (tests compare the two). */
  parseWhole?: boolean;
}

export interface LintTextResult {
  messages: LintMessage[];
  /** The analysis, when the file was parsed (fix acts on it). */
  analysis?: FileAnalysis;
  /** What disable comments suppressed (ESLint's `suppressedMessages`). */
  suppressedMessages: SuppressedMessage[];
  /**
   * Set when the file is nested deeper than this thread's stack (a valid
   * 3000-long member chain, say): the messages hold one fatal message, and a
   * caller that can is expected to retry on a thread with a bigger stack.
   */
  stackOverflow?: true;
}

const SEVERITY = { warn: 1, error: 2 } as const;

/**
 * Never throws: a failure inside the analysis of one file becomes one fatal
 * message for that file (ESLint-style: ruleId null), so the run goes on.
 */
export function lintText(text: string, filePath: string, options: LintTextOptions = {}): LintTextResult {
  try {
    return lintTextUnguarded(text, filePath, options);
  } catch (err) {
    return analysisFailed(err);
  }
}

export function analysisFailed(err: unknown): LintTextResult {
  const overflow = isStackOverflow(err);
  const why = overflow
    ? 'the file nests expressions too deeply (Maximum call stack size exceeded)'
    : (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0];
  const message: LintMessage = { ruleId: null, fatal: true, severity: 2, message: `Analysis failed: ${why}`, line: 1, column: 1 };
  return overflow ? { messages: [message], suppressedMessages: [], stackOverflow: true } : { messages: [message], suppressedMessages: [] };
}

/**
 * Bigger JS files than this are bundles or generated code: parsing and
 * analysing a 4 MB minified bundle took 16 s of CPU and ~1 GB. They are
 * text-scanned like non-JS files (full Novita V2 URLs are still found), with
 * a warning when they name Novita or a V2 path and so may hold more.
 */
export const MAX_PARSED_BYTES = 1024 * 1024;
const NOVITA_HINT = /novita|omniinfer|\/v2\/(?:upscale|progress)/i;

function lintTextUnguarded(text: string, filePath: string, options: LintTextOptions): LintTextResult {
  const unusedWanted = (options.reportUnusedDisableDirectives ?? 'off') !== 'off';
  if (!mayContainV2Call(text) && !(unusedWanted && mayHoldDisableDirective(text))) return { messages: [], suppressedMessages: [] };
  const messages: LintMessage[] = [];
  let analysis: FileAnalysis | undefined;
  const base: Omit<RuleContext, 'report'> = { filePath };
  const blocks = isJsLikeFile(filePath) ? [{ code: text, parseAs: filePath }] : scriptBlocksOf(text, filePath);
  if (blocks && text.length > MAX_PARSED_BYTES) {
    base.textMatches = scanTextForV2Urls(text);
    if (NOVITA_HINT.test(text)) {
      const mb = (text.length / 1024 / 1024).toFixed(1);
      messages.push({ ruleId: null, severity: 1, message: `File not analysed: ${mb} MB is over the ${MAX_PARSED_BYTES / 1024 / 1024} MB parse limit (bundled or generated code?); only full Novita V2 URLs were checked. Lint the sources it is built from.`, line: 1, column: 1 });
    }
  } else if (blocks) {
    analysis = { filePath, callSites: [], responseReads: [] };
    for (const block of blocks) {
      const parse = options.parseWhole ? parseSource : parseForLint;
      const parsed = parse(block.code, block.parseAs, { rethrowStackOverflow: true, attachComment: false });
      if (!parsed.ok) {
        return { messages: [{ ruleId: null, fatal: true, severity: 2, message: parsed.failure.message, line: parsed.failure.line, column: parsed.failure.column }], suppressedMessages: [] };
      }
      const one = analyzeAst(parsed.ast, filePath, { resolver: options.resolver, focus: 'statements' });
      if (blocks.length === 1) analysis = one;
      else {
        analysis.callSites.push(...one.callSites);
        analysis.responseReads.push(...one.responseReads);
      }
    }
    base.analysis = analysis;
    // A .vue/.svelte template can still hold a full URL (a link, a form action).
    if (!isJsLikeFile(filePath)) base.textMatches = scanTextForV2Urls(blankScripts(text));
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
  // Ties by rule id in code-unit order: `localeCompare` would set up an ICU collator (~5 ms) in every thread that lints.
  const byPosition = (a: LintMessage, b: LintMessage): number => a.line - b.line || a.column - b.column || compareIds(a.ruleId ?? '', b.ruleId ?? '');
  kept.sort(byPosition);
  directives.suppressed.sort(byPosition);
  return { messages: kept, analysis, suppressedMessages: directives.suppressed };
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
