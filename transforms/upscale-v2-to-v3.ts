/**
 * jscodeshift transform: Novita Upscale V2 task flows -> V3, or the shim.
 *
 *   npx jscodeshift -t node_modules/novita-migrate/dist/transforms/upscale-v2-to-v3.js src/
 *   (options: --unsupported=shim|comment)
 *
 * The unit is the task flow (engine/task-flow.ts): a submit and every poll
 * of its task id. A flow becomes plain V3 only when every part of it is
 * rewritten exactly (URL, body, task-id read, polls, status comparisons,
 * image reads, error checks); otherwise the whole flow goes through the shim
 * runtime (one task store, so its ids meet); otherwise nothing in it changes
 * and each part gets a precise TODO that lint still reports. Every edit is
 * planned before any is made.
 *
 * Polls whose ids come from callers fix cannot see may be polling any V2
 * task (txt2img too): they never move to V3, only through the shim, which
 * passes ids it did not issue through to V2. A submit whose id leaves its
 * function goes to the shim only when `novita-migrate fix` has seen the whole
 * project and every open poll in it goes through the shim as well.
 */
import { basename, dirname, relative } from 'node:path';
import jscodeshift from 'jscodeshift';
import type { API, FileInfo, Options } from 'jscodeshift';
import * as t from '@babel/types';
import { analyzeAst } from '../src/engine/analyze.js';
import { createCrossFileResolver, type CrossFileResolver } from '../src/engine/resolver.js';
import type { SiteFlow } from '../src/engine/task-flow.js';
import type { CallSite, FileAnalysis } from '../src/engine/types.js';
import { V2_PROGRESS_PATH, V2_UPSCALE_PATH, V3_TASK_RESULT_PATH, V3_UPSCALE_PATH } from '../src/spec/endpoints.js';
import { planUpscale } from '../src/spec/plan.js';
import { addTodo, enclosingStatement } from './helpers/add-todo-comment.js';
import { rebuildBody } from './helpers/build-v3-body.js';
import { BODY_NOT_REBUILDABLE, FUNCTIONAL_SDK_IMPORT, isRebuildableBody, isSelfPollingSdkCall, OPTIONAL_CALL, SELF_POLLING_SDK } from '../src/engine/v3-blockers.js';
import { detectStyle, type FileStyle } from './helpers/file-style.js';
import { recastParserFor } from './helpers/parser.js';
import { planRead } from './helpers/rewrite-response-reads.js';
import { planPathRewrite } from './helpers/rewrite-url-literal.js';
import { planShimRoute } from './helpers/route-to-shim.js';
import { openEnvelope } from './helpers/source-envelope.js';
import { originalColumns, withOriginalSpan } from './helpers/original-span.js';
import { markTouched, touchedNodes } from './helpers/touched.js';
import { insertPendingImports } from './helpers/add-import.js';
import { parseSource } from '../src/engine/parse.js';
import { packageType } from './helpers/package-type.js';

export type Unsupported = 'shim' | 'comment';

export type CallOutcome =
  | { kind: 'plain-v3'; line: number; endpoint: 'upscale' | 'progress'; note?: string }
  | { kind: 'shim'; line: number; endpoint: 'upscale' | 'progress'; via: string; reasons: string[] }
  | { kind: 'todo'; line: number; endpoint: 'upscale' | 'progress'; reasons: string[] };

export interface TransformResult {
  /** The new text, or undefined when nothing changed. */
  output?: string;
  outcomes: CallOutcome[];
  /** Original line ranges of the statements fix edited: nothing outside them may change. */
  editedLines: Array<[number, number]>;
  /** Open polls in this file that stay on V2 (for the project-wide decision). */
  blockingPolls: string[];
}

/** What `novita-migrate fix` knows about the whole project before it edits one file. */
export interface ProjectFlowFacts {
  /** Open polls anywhere that stay on V2 (no route, disabled, file skipped): a shim task id would never reach them. */
  blockingPolls: readonly string[];
}

export interface TransformOptions {
  unsupported?: Unsupported;
  resolver?: CrossFileResolver;
  /** Absent (stock jscodeshift, one file at a time): open submits stay, as their polls cannot be seen. */
  project?: ProjectFlowFacts;
  /** Acts only on calls whose lint message survived (disable comments, rule config): ESLint's "fix only what is reported". */
  isEnabled?: (site: CallSite) => boolean;
}

const V2_UPSCALE_RE = new RegExp(`${V2_UPSCALE_PATH.replaceAll('/', '\\/')}(?=$|[/?#])`);
const V2_PROGRESS_RE = new RegExp(`${V2_PROGRESS_PATH.replaceAll('/', '\\/')}(?=$|[/?#])`);

type Plan = { apply: () => void } | { todo: string };
const isTodo = (p: Plan): p is { todo: string } => 'todo' in p;

interface FileContext {
  program: t.Program;
  analysis: FileAnalysis;
  style: FileStyle;
}

/** Every edit that moves one call to plain V3, or why it cannot. */
function planV3(site: CallSite, fc: FileContext): { apply: () => void; note?: string } | { todos: string[] } {
  const { program, analysis, style } = fc;
  const sdk = site.client === 'novita-sdk';
  const todos: string[] = [];
  const applies: Array<() => void> = [];
  let note: string | undefined;
  const escapes = analysis.responseEscapes?.get(site) ?? [];
  todos.push(...escapes);
  if (site.call.type === 'OptionalCallExpression') todos.push(OPTIONAL_CALL);
  if (site.endpoint === 'upscale') {
    if (isSelfPollingSdkCall(site)) return { todos: [SELF_POLLING_SDK] };
    const plan = planUpscale({ params: site.body?.properties ?? [], hasUnknownKeys: site.body?.hasUnknownKeys ?? false, bodyUnknown: !site.body });
    if (plan.kind === 'shim') todos.push(...plan.reasons.map((r) => r.message.replace(/; fix routes this call to the compat shim.*$/, '')));
    else if (!isRebuildableBody(site.body)) todos.push(BODY_NOT_REBUILDABLE);
    else {
      const body = site.body;
      applies.push(() => rebuildBody(body, plan.modelName, plan.scaleFactor, style));
      note = [plan.substitutedFrom ? `\`${plan.substitutedFrom}\` -> \`${plan.modelName}\` (nearest V3 model)` : '', ...plan.dropped.filter((d) => d.reported).map((d) => d.message)].filter(Boolean).join('; ') || undefined;
    }
  }
  const url = sdk ? planSdkRename(site, site.endpoint === 'upscale' ? 'upscale' : 'progress', site.endpoint === 'upscale' ? 'upscaleV3' : 'progressV3') : site.urlNode ? planPathRewrite(site.urlNode, site.call, program, site.endpoint === 'upscale' ? V2_UPSCALE_RE : V2_PROGRESS_RE, site.endpoint === 'upscale' ? V3_UPSCALE_PATH : V3_TASK_RESULT_PATH, style) : { todo: 'the URL cannot be found' };
  if (isTodo(url)) todos.push(url.todo);
  else applies.push(url.apply);
  for (const read of analysis.responseReads.filter((r) => r.call === site.call)) {
    const p = planRead(read, sdk, style, program);
    if (isTodo(p)) todos.push(p.todo);
    else applies.push(() => {
      markTouched(program, read.node);
      p.apply();
    });
  }
  if (todos.length) return { todos };
  return { apply: () => applies.forEach((a) => a()), note };
}

/** novita-sdk 1.x: `sdk.upscale(…)` -> `sdk.upscaleV3(…)` (1.x has both). */
function planSdkRename(site: CallSite, from: string, to: string): Plan {
  const call = site.call;
  if (call.type !== 'CallExpression') return { todo: 'not a method call' };
  const callee = call.callee;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === from) {
    const property = callee.property;
    return { apply: () => void (callee.property = { ...property, name: to } as t.Identifier) };
  }
  return { todo: FUNCTIONAL_SDK_IMPORT };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

export function transformSource(source: string, filePath: string, options: TransformOptions = {}): TransformResult {
  const unsupported = options.unsupported ?? 'shim';
  const envelope = openEnvelope(source);
  const style: FileStyle = { ...detectStyle(source), typescript: /\.(?:m|c)?tsx?$/.test(filePath) };
  const j = jscodeshift.withParser(recastParserFor(filePath) as unknown as string);
  const root = j(envelope.text);
  const file = root.get().node as t.File;
  const program = file.program;
  const analysis: FileAnalysis = analyzeAst(file, filePath, { resolver: options.resolver ?? createCrossFileResolver() });
  const fc: FileContext = { program, analysis, style };
  const outcomes: CallOutcome[] = [];
  const blockingPolls: string[] = [];
  const columnOf = originalColumns(envelope.text);
  const enabled = (s: CallSite) => options.isEnabled?.(withOriginalSpan(s, columnOf)) ?? true;
  let changed = false;
  const line = (s: CallSite) => s.span.line;

  /** `blocks`: a poll left on V2 could see upscale task ids, so no open submit may go to the in-process shim. */
  const leave = (s: CallSite, reasons: string[], blocks = true) => {
    const what = s.endpoint === 'upscale' ? 'V2 upscale kept' : 'V2 progress kept';
    if (addTodo(program, s.call, `${what}: ${unique(reasons).join('; ')}`)) changed = true;
    outcomes.push({ kind: 'todo', line: line(s), endpoint: s.endpoint, reasons: unique(reasons) });
    if (s.endpoint === 'progress' && blocks) blockingPolls.push(`${filePath}:${line(s)}`);
  };
  const touch = (s: CallSite) => markTouched(program, s.call);

  /** Routes every part through the shim, or returns why not. */
  const routeAll = (sites: CallSite[], reasons: (s: CallSite) => string[]): string[] | undefined => {
    if (unsupported !== 'shim') return ['`--unsupported=comment`: calls V3 cannot express are left as they are'];
    const plans = sites.map((s) => ({ s, p: planShimRoute(s, program, style) }));
    const none = plans.flatMap(({ p }) => ('none' in p ? [p.none] : []));
    if (none.length) return none;
    for (const { s, p } of plans) {
      if ('via' in p) {
        touch(s);
        p.apply();
        outcomes.push({ kind: 'shim', line: line(s), endpoint: s.endpoint, via: p.via, reasons: unique(reasons(s)) });
      }
    }
    changed = true;
    return undefined;
  };

  const sites = analysis.callSites;
  const flowOf = (s: CallSite): SiteFlow => analysis.flows?.get(s) ?? { kind: 'open', reason: 'its task flow cannot be followed' };
  const done = new Set<CallSite>();

  // Closed flows: V3 whole, else shim whole, else untouched.
  for (const s of sites) {
    const flow = flowOf(s);
    if (flow.kind !== 'closed' || flow.submit !== s || done.has(s)) continue;
    const members = [flow.submit, ...flow.polls];
    members.forEach((m) => done.add(m));
    if (members.some((m) => !enabled(m))) {
      // A disabled part keeps the whole flow as it is; the parts lint still reports say why (no line: TODOs must not move).
      // Its polls see only this submit's id, so they block no open submit.
      for (const m of members.filter(enabled)) leave(m, ['another part of its task flow is disabled (a disable comment, or its rule off), so the whole flow stays V2'], false);
      continue;
    }
    const plans = members.map((m) => ({ m, p: planV3(m, fc) }));
    const todos = plans.flatMap(({ p }) => ('todos' in p ? p.todos : []));
    if (todos.length === 0) {
      for (const { m, p } of plans) {
        if ('apply' in p) {
          touch(m);
          p.apply();
          outcomes.push({ kind: 'plain-v3', line: line(m), endpoint: m.endpoint, note: p.note });
        }
      }
      changed = true;
      continue;
    }
    const why = routeAll(members, () => todos);
    if (why) members.forEach((m) => leave(m, [...todos, ...why]));
  }

  // Open polls: they may see any V2 task's id, so never V3; the shim passes ids it did not issue through to V2.
  for (const s of sites) {
    if (done.has(s) || s.endpoint !== 'progress') continue;
    done.add(s);
    const flow = flowOf(s);
    const reason = flow.kind === 'open' ? flow.reason : 'part of another flow';
    // A poll of a txt2img (…) task: nothing to migrate it to, and it never sees an upscale id.
    if (flow.kind === 'open' && flow.otherTask) {
      if (enabled(s)) leave(s, [reason], false);
      continue;
    }
    if (!enabled(s)) {
      blockingPolls.push(`${filePath}:${line(s)}`);
      continue;
    }
    const why = routeAll([s], () => [reason]);
    if (why) leave(s, [reason, ...why]);
  }

  // Open submits: only through the shim, and only when every poll that may see their ids goes through it too.
  for (const s of sites) {
    if (done.has(s) || s.endpoint !== 'upscale' || !enabled(s)) continue;
    done.add(s);
    const flow = flowOf(s);
    const v3 = planV3(s, fc);
    const reasons = unique([flow.kind === 'open' ? flow.reason : 'part of another flow', ...('todos' in v3 ? v3.todos : [])]);
    const blockers = [...(options.project?.blockingPolls ?? []), ...blockingPolls];
    if (flow.kind === 'open' && flow.leavesProcess) {
      leave(s, [...reasons, 'a task of the in-process shim can only be polled in this process: point this call at `novita-migrate shim serve` instead']);
      continue;
    }
    if (!options.project) {
      leave(s, [...reasons, 'run `novita-migrate fix` on the whole project so the polls of its task id can be routed with it']);
      continue;
    }
    if (blockers.length) {
      const where = unique(blockers.map((b) => relative(dirname(filePath), b.replace(/:\d+$/, '')) || basename(filePath)));
      leave(s, [...reasons, `its task id may be polled by V2 code that stays V2 (in ${where.slice(0, 3).join(', ')}${where.length > 3 ? ', …' : ''}), which could not see a shim task`]);
      continue;
    }
    const why = routeAll([s], () => reasons);
    if (why) leave(s, [...reasons, ...why]);
  }

  outcomes.sort((a, b) => a.line - b.line);
  const editedLines = touchedNodes(program).map((n) => (t.isStatement(n) ? n : enclosingStatement(program, n) ?? n)).flatMap((n) => (n.loc ? [[n.loc.start.line, n.loc.end.line] as [number, number]] : []));
  if (!changed) return { outcomes, editedLines, blockingPolls };
  // LF while printing: the envelope gives every line its own terminator back.
  const printed = root.toSource({ quote: style.quote, lineTerminator: '\n', useTabs: style.useTabs, tabWidth: style.tabWidth });
  const reparsed = parseSource(printed, filePath);
  if (!reparsed.ok) throw new Error(`the printed output does not parse (${reparsed.failure.message})`);
  const withImports = insertPendingImports(program, reparsed.ast, printed, { ...style, lineTerminator: '\n' }, usesRequire(filePath, program, source), envelope.hadShebang);
  return { output: envelope.restore(withImports), outcomes, editedLines, blockingPolls };
}

/**
 * Whether new imports are `require` calls: a file with ESM syntax imports; a
 * `.cjs` file, or one that already requires, requires; otherwise the
 * package's `type` decides (a plain `.js` script under a CommonJS package
 * must not gain an `import`).
 */
function usesRequire(filePath: string, program: t.Program, source: string): boolean {
  if (/\.(?:mjs|mts|ts|tsx)$/.test(filePath) || program.sourceType === 'module') return false;
  if (/\.c[jt]s$/.test(filePath) || /\brequire\s*\(/.test(source)) return true;
  return packageType(filePath) !== 'module';
}

/** The stock jscodeshift entry point (file by file: open submits stay, see the header). */
export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const unsupported = options.unsupported === 'comment' ? 'comment' : 'shim';
  const result = transformSource(file.source, file.path, { unsupported });
  for (const o of result.outcomes) api.report?.(`${file.path}:${o.line}: ${o.kind}${'reasons' in o ? ` (${o.reasons.join('; ')})` : ''}`);
  return result.output;
}
