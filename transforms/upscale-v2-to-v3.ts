/**
 * jscodeshift transform: Novita Upscale V2 calls -> V3.
 *
 *   npx jscodeshift -t node_modules/novita-migrate/dist/transforms/upscale-v2-to-v3.js src/
 *   (options: --unsupported=shim|comment)
 *
 * A call V3 expresses exactly becomes plain V3 (URL, body, response reads).
 * Anything else goes to the compat shim with the smallest edit, or gets a
 * precise TODO. The decision is the spec's `planUpscale`; the call sites are
 * the lint engine's: fix acts on exactly what lint finds.
 */
import jscodeshift from 'jscodeshift';
import type { API, FileInfo, Options } from 'jscodeshift';
import type * as t from '@babel/types';
import { analyzeAst } from '../src/engine/analyze.js';
import { createCrossFileResolver, type CrossFileResolver } from '../src/engine/resolver.js';
import type { CallSite, FileAnalysis } from '../src/engine/types.js';
import { V2_PROGRESS_PATH, V2_UPSCALE_PATH, V3_TASK_RESULT_PATH, V3_UPSCALE_PATH } from '../src/spec/endpoints.js';
import { planUpscale } from '../src/spec/plan.js';
import { addTodo } from './helpers/add-todo-comment.js';
import { canRebuildBody, rebuildBody } from './helpers/build-v3-body.js';
import { detectStyle } from './helpers/file-style.js';
import { recastParserFor } from './helpers/parser.js';
import { rewriteRead } from './helpers/rewrite-response-reads.js';
import { rewritePathInLiterals } from './helpers/rewrite-url-literal.js';
import { routeToShim } from './helpers/route-to-shim.js';

export type Unsupported = 'shim' | 'comment';

export type CallOutcome =
  | { kind: 'plain-v3'; line: number; endpoint: 'upscale' | 'progress'; note?: string }
  | { kind: 'shim'; line: number; via: string; reasons: string[] }
  | { kind: 'todo'; line: number; reasons: string[] };

export interface TransformResult {
  /** The new text, or undefined when nothing changed. */
  output?: string;
  outcomes: CallOutcome[];
}

export interface TransformOptions {
  unsupported?: Unsupported;
  resolver?: CrossFileResolver;
}

const V2_UPSCALE_RE = new RegExp(`${V2_UPSCALE_PATH.replaceAll('/', '\\/')}(?=$|[/?#])`);
const V2_PROGRESS_RE = new RegExp(`${V2_PROGRESS_PATH.replaceAll('/', '\\/')}(?=$|[/?#])`);

export function transformSource(source: string, filePath: string, options: TransformOptions = {}): TransformResult {
  const unsupported = options.unsupported ?? 'shim';
  const style = detectStyle(source);
  const text = style.bom ? source.slice(1) : source;
  const j = jscodeshift.withParser(recastParserFor(filePath) as unknown as string);
  const root = j(text);
  const file = root.get().node as t.File;
  const program = file.program;
  const analysis: FileAnalysis = analyzeAst(file, filePath, { resolver: options.resolver ?? createCrossFileResolver() });
  const outcomes: CallOutcome[] = [];
  let changed = false;

  const todo = (site: CallSite, reasons: string[], what: string) => {
    if (addTodo(program, site.call, `${what} kept: ${reasons.join('; ')}`)) changed = true;
    outcomes.push({ kind: 'todo', line: site.span.line, reasons });
  };

  for (const site of analysis.callSites) {
    const reads = analysis.responseReads.filter((r) => r.call === site.call);
    const sdk = site.client === 'novita-sdk';

    if (site.endpoint === 'upscale') {
      const plan = planUpscale({ params: site.body?.properties ?? [], hasUnknownKeys: site.body?.hasUnknownKeys ?? false, bodyUnknown: !site.body });
      const exact = plan.kind === 'plain-v3' && canRebuildBody(site.body) && (sdk ? site.call.type === 'CallExpression' : site.urlNode !== undefined);
      if (plan.kind === 'plain-v3' && exact) {
        // The URL first: when no literal in this file spells it, the call cannot move here.
        const urlMoved = sdk ? renameSdkMethod(site, 'upscale', 'upscaleV3', program) : rewritePathInLiterals(site.urlNode!, program, V2_UPSCALE_RE, V3_UPSCALE_PATH, style);
        if (urlMoved) {
          rebuildBody(site.body as Parameters<typeof rebuildBody>[0], plan.modelName, plan.scaleFactor, style);
          const readTodos = reads.map((r) => rewriteRead(r, sdk, style, program)).flatMap((o) => (o.moved ? [] : [o.todo]));
          // XMLHttpRequest responses (`xhr.responseText`) are not followed by the engine: say so.
          if (site.client === 'xhr') readTodos.push('the response now is V3 `{ task_id }` (no `code`/`msg`/`data`): update what reads `xhr.responseText`');
          if (readTodos.length) addTodo(program, site.call, `response reads to move by hand: ${readTodos.join('; ')}`);
          changed = true;
          const note = [plan.substitutedFrom ? `\`${plan.substitutedFrom}\` -> \`${plan.modelName}\` (nearest V3 model)` : '', ...plan.dropped.filter((d) => d.reported).map((d) => d.message)].filter(Boolean).join('; ');
          outcomes.push({ kind: 'plain-v3', line: site.span.line, endpoint: 'upscale', note: note || undefined });
          if (readTodos.length) outcomes.push({ kind: 'todo', line: site.span.line, reasons: readTodos });
          continue;
        }
      }
      const reasons =
        plan.kind === 'shim'
          ? plan.reasons.map((r) => r.message.replace(/; fix routes this call to the compat shim.*$/, ''))
          : [exact ? 'the URL is defined in another module: change it there, or route the call to the shim' : 'the body is built over several statements or spread from elsewhere'];
      if (unsupported === 'shim') {
        const via = routeToShim(site, program, style);
        if (via) {
          changed = true;
          outcomes.push({ kind: 'shim', line: site.span.line, via, reasons });
          continue;
        }
        todo(site, [...reasons, `no drop-in shim route for ${site.client} (use \`novita-migrate shim serve\` or \`createV2Client\` from novita-migrate/shim)`], 'V2 upscale');
      } else {
        todo(site, reasons, 'V2 upscale');
      }
      continue;
    }

    // Progress polling.
    const urlMoved = sdk ? renameSdkMethod(site, 'progress', 'progressV3', program) : site.urlNode !== undefined && rewritePathInLiterals(site.urlNode, program, V2_PROGRESS_RE, V3_TASK_RESULT_PATH, style);
    if (!urlMoved) {
      todo(site, ['the progress URL is defined in another module: change it there'], 'V2 progress');
      continue;
    }
    changed = true;
    const readTodos = reads.map((r) => rewriteRead(r, sdk, style, program)).flatMap((o) => (o.moved ? [] : [o.todo]));
    outcomes.push({ kind: 'plain-v3', line: site.span.line, endpoint: 'progress' });
    if (readTodos.length) {
      addTodo(program, site.call, `response reads to move by hand: ${readTodos.join('; ')}`);
      outcomes.push({ kind: 'todo', line: site.span.line, reasons: readTodos });
    }
  }

  if (!changed) return { outcomes };
  dropUnusedSdkImports(program);
  const printed = root.toSource({ quote: style.quote, lineTerminator: style.lineTerminator, useTabs: style.useTabs, tabWidth: style.tabWidth });
  return { output: (style.bom ? '\uFEFF' : '') + printed, outcomes };
}

/** novita-sdk 1.x: `sdk.upscale(…)` -> `sdk.upscaleV3(…)`, `progress` -> `progressV3` (also the functional imports). */
function renameSdkMethod(site: CallSite, from: string, to: string, program: t.Program): boolean {
  const call = site.call;
  if (call.type !== 'CallExpression') return false;
  const callee = call.callee;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === from) {
    callee.property = { ...callee.property, name: to } as t.Identifier;
    return true;
  }
  if (callee.type === 'Identifier' && callee.name === from) {
    // Rename the imported binding too: `import { upscale } from 'novita-sdk'`.
    for (const stmt of program.body) {
      if (stmt.type === 'ImportDeclaration' && stmt.source.value === 'novita-sdk') {
        for (const spec of stmt.specifiers) {
          if (spec.type === 'ImportSpecifier' && spec.local.name === from) {
            const hasTo = stmt.specifiers.some((s) => s.type === 'ImportSpecifier' && s.local.name === to);
            if (!hasTo) stmt.specifiers.push({ type: 'ImportSpecifier', imported: { type: 'Identifier', name: to }, local: { type: 'Identifier', name: to } } as t.ImportSpecifier);
          }
        }
      }
    }
    call.callee = { type: 'Identifier', name: to } as t.Identifier;
    return true;
  }
  return false;
}

/** After renames, `import { progress } from 'novita-sdk'` may name nothing still used: drop it. */
function dropUnusedSdkImports(program: t.Program): void {
  const used = new Set<string>();
  t_traverse(program, (node, parentIsImport) => {
    if (node.type === 'Identifier' && !parentIsImport) used.add(node.name);
  });
  for (const stmt of program.body) {
    if (stmt.type !== 'ImportDeclaration' || stmt.source.value !== 'novita-sdk') continue;
    stmt.specifiers = stmt.specifiers.filter((s) => s.type !== 'ImportSpecifier' || used.has(s.local.name));
  }
}

function t_traverse(node: t.Node, visit: (node: t.Node, parentIsImport: boolean) => void, parentIsImport = false): void {
  visit(node, parentIsImport);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'original' || key === 'extra') continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const c of Array.isArray(child) ? child : [child]) {
      if (c && typeof c === 'object' && typeof (c as t.Node).type === 'string') t_traverse(c as t.Node, visit, node.type === 'ImportDeclaration' || node.type === 'ImportSpecifier');
    }
  }
}

/** The stock jscodeshift entry point. */
export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const unsupported = options.unsupported === 'comment' ? 'comment' : 'shim';
  const result = transformSource(file.source, file.path, { unsupported });
  for (const o of result.outcomes) api.report?.(`${file.path}:${o.line}: ${o.kind}${'reasons' in o ? ` (${o.reasons.join('; ')})` : ''}`);
  return result.output;
}
