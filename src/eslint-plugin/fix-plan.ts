/**
 * What `novita-migrate fix` would do with each V2 call of one file, as ESLint
 * fixes: the transform runs once per unit (a closed task flow, or a lone
 * submit or poll) with only that unit enabled, and the text it changed
 * becomes one replacement (the smallest range holding every edit of the
 * unit). A unit fix rewrites to plain V3 exactly -> an autofix; a unit fix
 * routes to the shim -> a suggestion (it adds a runtime dependency, so the
 * user chooses); a TODO -> nothing.
 *
 * ESLint lints one file at a time, so this is fix without the project
 * (`project: undefined`, as stock jscodeshift): a submit whose task id
 * leaves its function stays V2, since its polls elsewhere cannot be seen.
 */
import type { CrossFileResolver } from '../engine/resolver.js';
import type { CallSite, FileAnalysis } from '../engine/types.js';
import { changesOutsideEdits } from '../fix/byte-guard.js';
import { transformSource, type CallOutcome } from '../../transforms/upscale-v2-to-v3.js';

export interface TextEdit {
  range: [number, number];
  text: string;
}

export type FixDecision =
  | { kind: 'v3'; edit: TextEdit }
  | { kind: 'shim'; edit: TextEdit; lone: boolean; reasons: string[] }
  | { kind: 'todo'; reasons: string[] }
  | { kind: 'kept'; reason: string };

/** `line:column` of a call, as lint messages and call sites both have it. */
export const siteKey = (line: number, column: number): string => `${line}:${column}`;

/** The smallest replacement turning `before` into `after`. */
export function editBetween(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { range: [start, endBefore], text: after.slice(start, endAfter) };
}

/** Closed flows whole, every other call alone: the units fix decides on. */
function unitsOf(analysis: FileAnalysis): CallSite[][] {
  const units: CallSite[][] = [];
  const seen = new Set<CallSite>();
  for (const s of analysis.callSites) {
    if (seen.has(s)) continue;
    const flow = analysis.flows?.get(s);
    const members = flow?.kind === 'closed' ? [flow.submit, ...flow.polls] : [s];
    members.forEach((m) => seen.add(m));
    units.push(members);
  }
  return units;
}

const unique = (list: readonly string[]): string[] => [...new Set(list)];

function decide(text: string, filePath: string, keys: ReadonlySet<string>, resolver: CrossFileResolver): FixDecision {
  let result;
  try {
    result = transformSource(text, filePath, { unsupported: 'shim', resolver, isEnabled: (s) => keys.has(siteKey(s.span.line, s.span.column)) });
  } catch (err) {
    return { kind: 'todo', reasons: [`the transform failed (${(err as Error).message.split('\n')[0]})`] };
  }
  const outcomes: CallOutcome[] = result.outcomes;
  const todo = outcomes.filter((o) => o.kind === 'todo');
  if (outcomes.length === 0) return { kind: 'kept', reason: 'fix leaves it as it is' };
  if (todo.length) return { kind: 'todo', reasons: unique(todo.flatMap((o) => ('reasons' in o ? o.reasons : []))) };
  if (result.output === undefined || result.output === text) return { kind: 'kept', reason: 'fix changes nothing here' };
  // As fix proves before writing: no byte outside the edited statements changes.
  const outside = changesOutsideEdits(text, result.output, result.editedLines);
  if (outside !== undefined) return { kind: 'todo', reasons: [`the printer would change line ${outside} outside the edited statements`] };
  const edit = editBetween(text, result.output);
  if (outcomes.every((o) => o.kind === 'plain-v3')) return { kind: 'v3', edit };
  return { kind: 'shim', edit, lone: outcomes.length === 1, reasons: unique(outcomes.flatMap((o) => ('reasons' in o ? o.reasons : []))) };
}

/**
 * Decisions by call (`line:column`) for the calls in `enabled` (those whose
 * endpoint message survives rule config and disable comments: fix acts on
 * exactly what lint reports). A flow with a disabled part is kept whole.
 */
export function planFixes(text: string, filePath: string, analysis: FileAnalysis, enabled: ReadonlySet<string>, resolver: CrossFileResolver): Map<string, FixDecision> {
  const decisions = new Map<string, FixDecision>();
  for (const unit of unitsOf(analysis)) {
    const keys = new Set(unit.map((s) => siteKey(s.span.line, s.span.column)));
    const live = [...keys].filter((k) => enabled.has(k));
    if (live.length === 0) continue;
    const decision: FixDecision = live.length < keys.size ? { kind: 'kept', reason: 'part of its task flow is disabled, so fix keeps the whole flow as it is' } : decide(text, filePath, keys, resolver);
    for (const k of live) decisions.set(k, decision);
  }
  return decisions;
}
