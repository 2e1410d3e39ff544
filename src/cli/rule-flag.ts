/**
 * `--rule`, in every spelling ESLint accepts (levn's object syntax), for our rules:
 * `v2-param:off`, `v2-param: off`, `v2-param:0`, `novita-migrate/v2-param:warn`,
 * `{"v2-param": "off"}`, `'v2-param: [error]'`, several at once `a: off, b: warn`.
 */
import type { RuleLevel } from '../rules/types.js';
import { parseRuleLevel } from './config.js';
import { UsageError } from '../lint/errors.js';

const PLUGIN_PREFIX = 'novita-migrate/';

const unquote = (s: string): string => s.trim().replace(/^(['"])(.*)\1$/, '$2').trim();

/** Split on commas outside [ ] and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The colon between id and level: the first one outside quotes. */
function splitEntry(entry: string): [string, string] | undefined {
  let quote = '';
  for (let i = 0; i < entry.length; i++) {
    const ch = entry[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ':') return [entry.slice(0, i), entry.slice(i + 1)];
  }
  return undefined;
}

function parseLevel(id: string, raw: string, flag: string): RuleLevel {
  let value = raw.trim();
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) throw new UsageError(`--rule: cannot read "${flag}" (an unclosed [)`);
    const items = splitTopLevel(value.slice(1, -1));
    if (items.length !== 1) throw new UsageError(`--rule: rule "${id}" takes no options (got "${value}")`);
    value = items[0]!;
  }
  const unquoted = unquote(value);
  const level: unknown = /^[0-2]$/.test(unquoted) ? Number(unquoted) : unquoted;
  return parseRuleLevel(id, level, '--rule');
}

export function parseRuleFlag(flag: string): Record<string, RuleLevel> {
  let body = flag.trim();
  if (body.startsWith('{')) {
    if (!body.endsWith('}')) throw new UsageError(`--rule: cannot read "${flag}" (an unclosed {)`);
    body = body.slice(1, -1);
  }
  const levels: Record<string, RuleLevel> = {};
  const entries = splitTopLevel(body);
  if (entries.length === 0) throw new UsageError(`--rule expects rule:level (level off|warn|error or 0|1|2), got "${flag}"`);
  for (const entry of entries) {
    const pair = splitEntry(entry);
    if (!pair || !pair[0].trim() || !pair[1].trim()) throw new UsageError(`--rule expects rule:level (level off|warn|error or 0|1|2), got "${flag}"`);
    let id = unquote(pair[0]);
    if (id.startsWith(PLUGIN_PREFIX)) id = id.slice(PLUGIN_PREFIX.length);
    levels[id] = parseLevel(id, pair[1], flag);
  }
  return levels;
}

/** Every `--rule` given, later ones overriding earlier ones. */
export function parseRuleFlags(flags: readonly string[]): Record<string, RuleLevel> {
  return Object.assign({}, ...flags.map(parseRuleFlag)) as Record<string, RuleLevel>;
}
