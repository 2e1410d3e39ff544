/**
 * Disable comments, found by text so they work in every file type:
 *
 * - our own: `// novita-migrate-disable-next-line [rule, …]`, `// novita-migrate-disable-line [rule]`,
 *   `/* novita-migrate-disable [rule] *\/` … `/* novita-migrate-enable [rule] *\/`
 *   (and `#` / `<!-- -->` comments in non-JS files);
 * - ESLint's, for this plugin's rules, so one comment serves the CLI and the ESLint plugin:
 *   `// eslint-disable-next-line novita-migrate/v2-param`, `// eslint-disable-line …`,
 *   `/* eslint-disable … *\/` … `/* eslint-enable … *\/`. Without a rule list they apply to every rule,
 *   as in ESLint; a list that names only other plugins' rules does not concern us.
 *
 * Text after ` -- ` is a justification, as in ESLint.
 */
import type { LintMessage, Severity, SuppressedMessage } from './types.js';
import { lineStartsOf, positionOf } from '../engine/line-index.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** `novita-migrate` for our comments, `eslint` for ESLint's. */
  prefix: 'novita-migrate' | 'eslint';
  line: number;
  column: number;
  /** Rule ids without the `novita-migrate/` prefix. Empty: every rule. */
  rules: string[];
  justification: string;
}

const OURS = /(?:\/\/|\/\*|#|<!--)\s*novita-migrate-(disable-next-line|disable-line|disable|enable)\b([^\n*]*?)(?:\*\/|-->|$)/gm;
/** ESLint: `disable`/`enable` only in block comments; `-line`/`-next-line` in either. */
const ESLINT_BLOCK = /\/\*\s*eslint-(disable-next-line|disable-line|disable|enable)(?=[\s*])([\s\S]*?)\*\//g;
const ESLINT_LINE = /\/\/[ \t]*eslint-(disable-next-line|disable-line)(?=[\s]|$)([^\n]*)$/gm;
const PLUGIN_PREFIX = 'novita-migrate/';

function splitJustification(body: string): { list: string; justification: string } {
  const at = body.search(/(?:^|\s)--(?:\s|$)/);
  if (at < 0) return { list: body, justification: '' };
  return { list: body.slice(0, at), justification: body.slice(at).replace(/^\s*--/, '').trim() };
}

function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStartsOf(text);
  return (offset) => positionOf(starts, offset);
}

/** Every directive in the text, in text order. `eslint` ones are included only when asked. */
export function parseDirectives(text: string, options: { eslint?: boolean } = {}): Directive[] {
  const locate = lineIndex(text);
  const directives: Directive[] = [];
  if (text.includes('novita-migrate-')) {
    for (const m of text.matchAll(OURS)) {
      const { list, justification } = splitJustification(m[2] ?? '');
      const rules = list
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (s.startsWith(PLUGIN_PREFIX) ? s.slice(PLUGIN_PREFIX.length) : s));
      directives.push({ kind: m[1] as DirectiveKind, prefix: 'novita-migrate', ...locate(m.index ?? 0), rules, justification });
    }
  }
  if (options.eslint && text.includes('eslint-')) {
    for (const re of [ESLINT_BLOCK, ESLINT_LINE]) {
      for (const m of text.matchAll(re)) {
        const kind = m[1] as DirectiveKind;
        const { list, justification } = splitJustification((m[2] ?? '').trim());
        const named = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const ours = named.filter((s) => s.startsWith(PLUGIN_PREFIX)).map((s) => s.slice(PLUGIN_PREFIX.length));
        // A list naming only other rules leaves ours alone.
        if (named.length > 0 && ours.length === 0) continue;
        directives.push({ kind, prefix: 'eslint', ...locate(m.index ?? 0), rules: ours, justification });
      }
    }
    directives.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  return directives;
}

export interface DirectiveOutcome {
  kept: LintMessage[];
  suppressed: SuppressedMessage[];
  /** `novita-migrate-disable…` comments that suppressed nothing (reported only when asked). */
  unused: LintMessage[];
}

export interface DirectiveOptions {
  /** Honour ESLint-form comments (the CLI does; the ESLint plugin leaves them to ESLint). */
  eslint?: boolean;
  /** Severity for unused `novita-migrate-disable…` comments; `off` (default): not reported. */
  reportUnused?: 'off' | 'warn' | 'error';
}

const SEVERITY: Readonly<Record<'warn' | 'error', Severity>> = { warn: 1, error: 2 };

const applies = (d: Directive, ruleId: string | null): boolean => d.rules.length === 0 || (ruleId !== null && d.rules.includes(ruleId));

/** Which directive, if any, suppresses a message: line directives first, then the disable block in effect. */
function suppressorOf(m: LintMessage, directives: readonly Directive[]): Directive | undefined {
  for (const d of directives) {
    if (d.kind === 'disable-line' && d.line === m.line && applies(d, m.ruleId)) return d;
    if (d.kind === 'disable-next-line' && d.line + 1 === m.line && applies(d, m.ruleId)) return d;
  }
  let active: Directive | undefined;
  for (const d of directives) {
    if (d.line > m.line) break;
    if (d.kind === 'disable' && applies(d, m.ruleId)) active = d;
    else if (d.kind === 'enable' && applies(d, m.ruleId)) active = undefined;
  }
  return active;
}

function unusedMessage(d: Directive, unusedRules: readonly string[], severity: Severity): LintMessage {
  const which = unusedRules.length ? ` from ${unusedRules.map((r) => `'${r}'`).join(' or ')}` : '';
  return { ruleId: null, severity, message: `Unused ${d.prefix}-disable directive (no problems were reported${which}).`, line: d.line, column: d.column };
}

export function applyDirectives(messages: LintMessage[], text: string, options: DirectiveOptions = {}): DirectiveOutcome {
  const reportUnused = options.reportUnused ?? 'off';
  if (!text.includes('novita-migrate-') && !(options.eslint && text.includes('eslint-'))) return { kept: messages, suppressed: [], unused: [] };
  const directives = parseDirectives(text, { eslint: options.eslint });
  if (directives.length === 0) return { kept: messages, suppressed: [], unused: [] };
  const kept: LintMessage[] = [];
  const suppressed: SuppressedMessage[] = [];
  /** For each directive, the rule ids it suppressed. */
  const used = new Map<Directive, Set<string | null>>();
  for (const m of messages) {
    const d = m.fatal ? undefined : suppressorOf(m, directives);
    if (!d) {
      kept.push(m);
      continue;
    }
    suppressed.push({ ...m, suppressions: [{ kind: 'directive', justification: d.justification }] });
    let ids = used.get(d);
    if (!ids) used.set(d, (ids = new Set()));
    ids.add(m.ruleId);
  }
  const unused: LintMessage[] = [];
  if (reportUnused !== 'off') {
    for (const d of directives) {
      if (d.prefix !== 'novita-migrate' || d.kind === 'enable') continue;
      const ids = used.get(d);
      if (d.rules.length === 0) {
        if (!ids) unused.push(unusedMessage(d, [], SEVERITY[reportUnused]));
        continue;
      }
      const idle = d.rules.filter((r) => !ids?.has(r));
      if (idle.length) unused.push(unusedMessage(d, idle, SEVERITY[reportUnused]));
    }
  }
  return { kept, suppressed, unused };
}
