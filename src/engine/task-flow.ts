/**
 * Task flows: which V2 upscale submit made the task id each `/v2/progress`
 * poll asks about. The unit fix migrates is the flow, never a lone call:
 * a submit can move to V3 only together with every poll of its id, and a
 * poll can move only when the ids it sees come from such a submit.
 *
 * A flow is *closed* when, inside one function, the submit's task id goes
 * into a variable that is used by that submit's polls and nothing else.
 * It is also closed when the submit's function returns the id to callers in
 * this module that only hand it to one module-private poller
 * (cross-function-flow.ts proves that). Everything else is *open*: a poll
 * whose id comes from a parameter (a shared `pollTask(id)`, ids of V2 txt2img
 * tasks, callers fix cannot see) or a submit whose id is returned, stored or
 * passed on.
 */
import * as t from '@babel/types';
import type { NodePath } from './babel-traverse.js';
import { linkAcrossFunctions } from './cross-function-flow.js';
import { MAX_FOLLOW, usedOnlyByPolls } from './flow-uses.js';
import { otherV2TaskOf } from './other-v2-task.js';
import { readPaths } from './response-reads.js';
import { nodeWithin } from './span.js';
import { evaluate, isFullyKnownString, type EvalContext } from './static-value.js';
import type { CallSite, ResponseRead } from './types.js';
import { isSelfPollingSdkCall } from './v3-blockers.js';

export type SiteFlow =
  | { kind: 'closed'; /** The submit and every poll of its id. */ submit: CallSite; polls: CallSite[] }
  | {
      kind: 'open';
      /** Why the ids cannot be followed: shown in TODOs and the fix summary. */
      reason: string;
      /** The task id is printed or sent out of the process: a task of the in-process shim could never be polled there. */
      leavesProcess?: boolean;
      /** A poll of a task made by another V2 endpoint (`txt2img`, …): nothing of this tool's to migrate. */
      otherTask?: string;
    };

export interface LinkInput {
  site: CallSite;
  path: NodePath<t.CallExpression>;
  reads: ResponseRead[];
  escapes: string[];
}

/** Initialisers that build a URL or query from the id: followed to the id. Anything else (`res.data.task_id` of another API, `yield call(…)`) is the id's source itself. */
function buildsUrl(init: t.Expression | null | undefined): boolean {
  if (!init) return false;
  if (t.isTemplateLiteral(init) || t.isBinaryExpression(init) || t.isIdentifier(init) || t.isNewExpression(init)) return true;
  if (t.isCallExpression(init)) return t.isIdentifier(init.callee) && ['encodeURIComponent', 'encodeURI', 'String'].includes(init.callee.name);
  return t.isObjectExpression(init); // `const params = { task_id: id }`
}

/** Identifiers whose run-time value is part of the poll's task id: in the URL, or a `task_id` property of the arguments. */
function taskIdSources(input: LinkInput, ctx: EvalContext): NodePath<t.Identifier>[] {
  const found: NodePath<t.Identifier>[] = [];
  const seen = new Set<t.Node>();
  const visit = (path: NodePath, depth: number) => {
    if (depth > MAX_FOLLOW || seen.has(path.node)) return;
    seen.add(path.node);
    if (path.isIdentifier()) {
      if (isFullyKnownString(evaluate(path, ctx))) return;
      const binding = path.scope.getBinding(path.node.name);
      // A local const built from the id (`const url = new URL(`…${id}`)`) is followed into its initialiser.
      if (binding?.path.isVariableDeclarator() && binding.constant && t.isIdentifier(binding.path.node.id) && buildsUrl(binding.path.node.init) && !isTaskIdRead(binding.path)) {
        visit(binding.path.get('init') as NodePath, depth + 1);
        return;
      }
      found.push(path);
      return;
    }
    if (path.isStringLiteral() || path.isNumericLiteral() || path.isTemplateElement()) return;
    if (path.isMemberExpression() && isFullyKnownString(evaluate(path, ctx))) return;
    path.traverse({
      Identifier(inner: NodePath<t.Identifier>) {
        const parent = inner.parentPath;
        // Property names (`url.toString`, `{ task_id: id }` keys) and called functions (`encodeURIComponent`, `URL`) are not values.
        if (parent?.isMemberExpression() && parent.node.property === inner.node && !parent.node.computed) return;
        if ((parent?.isCallExpression() || parent?.isNewExpression()) && parent.node.callee === inner.node) return;
        if (parent?.isObjectProperty() && parent.node.key === inner.node && !parent.node.computed && !parent.node.shorthand) return;
        visit(inner, depth + 1);
        inner.skip();
      },
    });
  };
  const site = input.site;
  if (site.urlNode) {
    const urlPath = findPath(input.path, site.urlNode);
    if (urlPath) visit(urlPath, 0);
  }
  // `{ params: { task_id: id } }`, `progress({ task_id: id })`, `searchParams: { task_id }`.
  input.path.get('arguments').forEach((arg) => {
    arg.traverse({
      ObjectProperty(prop: NodePath<t.ObjectProperty>) {
        if (t.isIdentifier(prop.node.key, { name: 'task_id' }) || t.isStringLiteral(prop.node.key, { value: 'task_id' })) visit(prop.get('value') as NodePath, 0);
      },
    });
  });
  return found;
}

function isTaskIdRead(declarator: NodePath<t.VariableDeclarator>): boolean {
  const init = declarator.node.init;
  return !!init && readPaths.has(init);
}

/** The path of `node` inside `root` (the call), when it is there. */
function findPath(root: NodePath, node: t.Node): NodePath | undefined {
  if (root.node === node) return root;
  let found: NodePath | undefined;
  root.traverse({
    enter(p: NodePath) {
      if (p.node === node) {
        found = p;
        p.stop();
      }
    },
  });
  return found;
}

/** The variable a task-id read is stored in: `const id = json.data.task_id`, `const { task_id } = …`. */
function bindingOfRead(read: ResponseRead): NodePath<t.Identifier> | undefined {
  const at = readPaths.get(read.node);
  if (!at) return undefined;
  if (at.isObjectProperty()) {
    const value = at.get('value') as NodePath;
    return value.isIdentifier() ? value : undefined;
  }
  const parent = at.parentPath;
  if (parent?.isVariableDeclarator() && parent.node.init === at.node && t.isIdentifier(parent.node.id)) return parent.get('id') as NodePath<t.Identifier>;
  return undefined;
}

/** `console.log(id)`, `process.stdout.write(id)`, `res.json({ id })`, `res.send(id)`: output that leaves the process. */
const OUTPUT_CALL = /^(?:console\.\w+|process\.(?:stdout|stderr)\.write|\w+\.(?:send|json|end|write|emit|postMessage))$/;

function calleeText(node: t.Node): string | undefined {
  if (t.isIdentifier(node)) return node.name;
  if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property)) {
    const object = calleeText(node.object);
    return object ? `${object}.${node.property.name}` : undefined;
  }
  return undefined;
}

function reachesOutput(path: NodePath, depth = 0): boolean {
  const call = path.findParent((p) => p.isCallExpression() || p.isFunction() || p.isStatement()) as NodePath | null;
  if (call?.isCallExpression() && call.node.arguments.some((a) => nodeWithin(path.node, a))) {
    const callee = calleeText(call.node.callee);
    if (callee && OUTPUT_CALL.test(callee)) return true;
  }
  if (depth > 2) return false;
  const declarator = path.parentPath?.isVariableDeclarator() ? path.parentPath : undefined;
  const id = declarator && t.isIdentifier(declarator.node.id) ? declarator.node.id.name : undefined;
  const binding = id ? declarator!.scope.getBinding(id) : undefined;
  return !!binding?.referencePaths.some((r) => reachesOutput(r, depth + 1));
}

/** Whether any of the submit's task-id reads is printed or sent out of the process. */
function taskIdLeavesProcess(s: LinkInput): boolean {
  return s.reads.some((r) => {
    if (r.v2Path !== 'data.task_id') return false;
    const at = readPaths.get(r.node);
    if (!at) return false;
    if (at.isObjectProperty()) {
      const value = at.get('value') as NodePath;
      const binding = value.isIdentifier() ? value.scope.getBinding(value.node.name) : undefined;
      return !!binding?.referencePaths.some((ref) => reachesOutput(ref));
    }
    return reachesOutput(at);
  });
}

export function linkTaskFlows(inputs: readonly LinkInput[], ctx: EvalContext): Map<CallSite, SiteFlow> {
  const flows = new Map<CallSite, SiteFlow>();
  const submits = inputs.filter((i) => i.site.endpoint === 'upscale');
  const polls = inputs.filter((i) => i.site.endpoint === 'progress');

  // Each submit's task-id variables.
  const idVars = new Map<LinkInput, NodePath<t.Identifier>[]>();
  for (const s of submits) {
    const vars = s.reads.filter((r) => r.v2Path === 'data.task_id').map(bindingOfRead);
    if (vars.length && vars.every((v) => v !== undefined)) idVars.set(s, vars as NodePath<t.Identifier>[]);
  }

  const sourcesOf = new Map(polls.map((p) => [p, taskIdSources(p, ctx)]));
  // A submit in a private function whose id a private poller alone receives (cross-function-flow.ts).
  const across = linkAcrossFunctions(submits, sourcesOf);

  // Polls: closed when every id source is a task-id variable of one submit.
  const pollOwner = new Map<LinkInput, LinkInput>();
  for (const [s, own] of across) for (const p of own) pollOwner.set(p, s);
  for (const p of polls) {
    if (pollOwner.has(p)) continue;
    const sources = sourcesOf.get(p) ?? [];
    let owner: LinkInput | undefined;
    let reason: string | undefined;
    let otherTask: string | undefined;
    if (sources.length === 0) reason = 'the task id of this poll cannot be found';
    for (const src of sources) {
      const binding = src.scope.getBinding(src.node.name);
      const submit = binding && [...idVars].find(([, vars]) => vars.some((v) => src.scope.getBinding(v.node.name) === binding && v.scope.getBinding(v.node.name) === binding))?.[0];
      if (!binding) reason = `the task id \`${src.node.name}\` is not declared here`;
      else if (binding.kind === 'param') reason = `the task id \`${src.node.name}\` comes from callers fix cannot see (it may be any V2 task: txt2img, img2img, upscale)`;
      else if (!submit && (otherTask = otherV2TaskOf(src, ctx))) reason = `it polls a V2 ${otherTask} task (its id \`${src.node.name}\` comes from \`/v2/${otherTask}\`): migrate it together with that submit; this tool migrates upscale tasks only`;
      else if (!submit) reason = `the task id \`${src.node.name}\` does not come from an upscale submit in this function`;
      else if (owner && owner !== submit) reason = 'the task id comes from several submits';
      else owner = submit;
      if (reason) break;
    }
    if (owner && !reason) pollOwner.set(p, owner);
    else flows.set(p.site, { kind: 'open', reason: reason ?? 'the task id cannot be followed', ...(otherTask ? { otherTask } : {}) });
  }

  for (const s of submits) {
    const own = polls.filter((p) => pollOwner.get(p) === s);
    const vars = idVars.get(s);
    let reason: string | undefined;
    if (isSelfPollingSdkCall(s.site)) {
      flows.set(s.site, { kind: 'closed', submit: s.site, polls: [] });
      continue;
    }
    if (s.escapes.length) reason = s.escapes[0];
    else if (across.has(s)) reason = undefined; // its id goes only to a private poller's polls
    else if (!vars) reason = s.reads.some((r) => r.v2Path === 'data.task_id') ? 'the task id is returned or passed on, so its polls cannot be found' : 'the task id is not read here, so its polls cannot be found';
    else if (own.length === 0) reason = 'no poll of its task id in this function (the id leaves it)';
    else {
      for (const v of vars) {
        const binding = v.scope.getBinding(v.node.name);
        if (!binding?.constant) reason = `the task id \`${v.node.name}\` is reassigned`;
        else if (!binding.referencePaths.every((ref) => usedOnlyByPolls(ref, own.map((p) => p.site.call), 0))) reason = `the task id \`${v.node.name}\` is used outside its polls (returned, stored or passed on)`;
        if (reason) break;
      }
    }
    if (reason) {
      const leavesProcess = taskIdLeavesProcess(s);
      flows.set(s.site, leavesProcess ? { kind: 'open', reason: 'the task id is printed or sent out of this process', leavesProcess } : { kind: 'open', reason });
      for (const p of own) flows.set(p.site, { kind: 'open', reason: `its submit (line ${s.site.span.line}) is open: ${reason}` });
      continue;
    }
    const flow: SiteFlow = { kind: 'closed', submit: s.site, polls: own.map((p) => p.site) };
    flows.set(s.site, flow);
    for (const p of own) flows.set(p.site, flow);
  }
  return flows;
}

