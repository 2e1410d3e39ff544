/**
 * `// novita-migrate-disable-next-line [rule, …]`, `// novita-migrate-disable-line [rule]`,
 * `/* novita-migrate-disable [rule] *\/` … `/* novita-migrate-enable [rule] *\/`
 * (and `#` comments in non-JS files). Found by text, so they work in every file type.
 */
import type { LintMessage } from '../report/types.js';
import { lineStartsOf, positionOf } from '../engine/line-index.js';

interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  line: number;
  /** Empty: every rule. */
  rules: string[];
}

const DIRECTIVE = /(?:\/\/|\/\*|#|<!--)\s*novita-migrate-(disable-next-line|disable-line|disable|enable)\b([^\n*]*?)(?:\*\/|-->|$)/gm;

export function parseDirectives(text: string): Directive[] {
  const directives: Directive[] = [];
  const lineStarts = lineStartsOf(text);
  const lineOf = (offset: number): number => positionOf(lineStarts, offset).line;
  for (const m of text.matchAll(DIRECTIVE)) {
    const rules = (m[2] ?? '').split(/[\s,]+/).map((s) => s.trim()).filter((s) => s && s !== '--');
    directives.push({ kind: m[1] as Directive['kind'], line: lineOf(m.index ?? 0), rules });
  }
  return directives;
}

export function applyDisableDirectives(messages: LintMessage[], text: string): LintMessage[] {
  if (!text.includes('novita-migrate-')) return messages;
  const directives = parseDirectives(text);
  const applies = (d: Directive, ruleId: string | null) => d.rules.length === 0 || (ruleId !== null && d.rules.includes(ruleId));
  return messages.filter((m) => {
    if (m.fatal) return true;
    let disabled = false;
    for (const d of directives) {
      if (d.kind === 'disable-line' && d.line === m.line && applies(d, m.ruleId)) return false;
      if (d.kind === 'disable-next-line' && d.line + 1 === m.line && applies(d, m.ruleId)) return false;
      if (d.line > m.line) continue;
      if (d.kind === 'disable' && applies(d, m.ruleId)) disabled = true;
      if (d.kind === 'enable' && applies(d, m.ruleId)) disabled = false;
    }
    return !disabled;
  });
}
