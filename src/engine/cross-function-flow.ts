/**
 * Task flows split over two functions of one module, the common shape:
 *
 *   async function submit(image) { …fetch(V2 upscale)…; return json.data.task_id; }
 *   async function waitFor(taskId) { …fetch(`/v2/progress?task_id=${taskId}`)… }
 *   export async function upscale(image) { const id = await submit(image); return waitFor(id); }
 *
 * Linked as ONE closed flow only when it is provably closed:
 * - the submit's function S and the poller P are module-private: declared at
 *   the top level of an ES module or CommonJS file, never exported, never
 *   reassigned, and every reference to them is a direct call in this module
 *   (so no caller fix cannot see exists);
 * - S returns the task id (directly or through a local const) and nothing
 *   else, and does nothing else with it;
 * - every call of S is `P(await S(…))` or `const x = await S(…)` whose `x` is
 *   used only as P's task-id argument;
 * - P's task-id parameter flows only into P's polls, and every call of P
 *   passes an id made by S there.
 * Then P can only ever see ids of S's submit, so the polls move with it. Any
 * doubt leaves the flow open: a wrong "closed" sends another V2 task's id to
 * V3 and breaks a program; a wrong "open" only costs a shim route.
 */
import * as t from '@babel/types';
import type { NodePath } from './babel-traverse.js';
import { usedOnlyByPolls } from './flow-uses.js';
import { readPaths } from './response-reads.js';
import type { CallSite, ResponseRead } from './types.js';

/** What the linker needs of one V2 call (a subset of task-flow's LinkInput). */
export interface FlowCall {
  site: CallSite;
  path: NodePath<t.CallExpression>;
  reads: ResponseRead[];
}

type Fn = NodePath<t.Function>;

/** Strips wrappers that do not change the value: `(x)`, `x as string`, `x!`. */
function unwrap(path: NodePath): NodePath {
  let p = path;
  while (p.isParenthesizedExpression() || p.isTSAsExpression() || p.isTSNonNullExpression()) p = p.get('expression') as NodePath;
  return p;
}

/** The value position `path` really sits in: climbs out of `(…)`, `as`, `!`. */
function outerOf(path: NodePath): NodePath {
  let p = path;
  while (p.parentPath && (p.parentPath.isParenthesizedExpression() || p.parentPath.isTSAsExpression() || p.parentPath.isTSNonNullExpression())) p = p.parentPath;
  return p;
}

/**
 * The calls of a module-private function, or undefined when it is not one.
 * Top-level `function f` or `const f = (async) function/arrow`, not exported,
 * never reassigned, and referenced only as the callee of a call: anything
 * else (`export`, `module.exports = { f }`, `arr.map(f)`, `f.call`) could hand
 * it ids fix cannot see.
 */
function privateCalls(fn: Fn): NodePath<t.CallExpression>[] | undefined {
  if (fn.node.generator) return undefined;
  let name: string | undefined;
  if (fn.isFunctionDeclaration() && fn.parentPath.isProgram()) name = fn.node.id?.name;
  else if ((fn.isArrowFunctionExpression() || fn.isFunctionExpression()) && fn.parentPath.isVariableDeclarator() && fn.parentPath.node.init === fn.node) {
    const declaration = fn.parentPath.parentPath;
    if (declaration?.isVariableDeclaration({ kind: 'const' }) && declaration.parentPath.isProgram() && t.isIdentifier(fn.parentPath.node.id)) name = fn.parentPath.node.id.name;
  }
  if (!name) return undefined;
  const binding = fn.parentPath.scope.getBinding(name);
  if (!binding || !binding.constant || !binding.scope.path.isProgram() || !isOwnScope(binding.scope.path) || binding.referencePaths.length === 0) return undefined;
  const calls: NodePath<t.CallExpression>[] = [];
  for (const ref of binding.referencePaths) {
    const call = ref.parentPath;
    if (!call?.isCallExpression() || call.node.callee !== ref.node) return undefined;
    calls.push(call);
  }
  return calls;
}

/**
 * Whether top-level declarations are private to this file: an ES module, or
 * CommonJS (`require`, `module`, `exports` used). In a classic browser
 * `<script>` they are globals any other script may call, so nothing is linked.
 */
function isOwnScope(program: NodePath<t.Program>): boolean {
  if (program.node.sourceType === 'module') return true;
  const globals = program.scope.globals;
  return ['require', 'module', 'exports'].some((name) => name in globals);
}

/** The function a node is directly in (its `return` returns from it). */
function ownFunction(path: NodePath): Fn | null {
  return path.getFunctionParent() as Fn | null;
}

/** Every `return` of `fn` itself (not of functions nested in it). */
function ownReturns(fn: Fn): NodePath<t.ReturnStatement>[] {
  const found: NodePath<t.ReturnStatement>[] = [];
  fn.traverse({
    Function(inner: NodePath<t.Function>) {
      inner.skip();
    },
    ReturnStatement(ret: NodePath<t.ReturnStatement>) {
      found.push(ret);
    },
  });
  return found;
}

/** `return <value>` from `fn` itself. */
function isOwnReturn(value: NodePath, fn: Fn): boolean {
  const outer = outerOf(value);
  return !!outer.parentPath?.isReturnStatement() && ownFunction(outer) === fn;
}

/**
 * The `return` statements that hand S's task id back, when every use of its
 * task-id reads is such a return (directly, or through a local const used
 * only by returns); undefined when the id goes anywhere else.
 */
function returnsOfTaskId(submit: FlowCall, fn: Fn): Set<t.Node> | undefined {
  const reads = submit.reads.filter((r) => r.v2Path === 'data.task_id');
  if (reads.length === 0) return undefined;
  const returns = new Set<t.Node>();
  for (const read of reads) {
    const at = readPaths.get(read.node);
    if (!at) return undefined;
    let holder: NodePath | undefined; // the identifier the id is stored in, if any
    if (at.isObjectProperty()) {
      // `const { task_id } = json.data`
      const value = at.get('value') as NodePath;
      const declarator = at.parentPath?.parentPath;
      if (!value.isIdentifier() || !declarator?.isVariableDeclarator() || !declarator.parentPath?.isVariableDeclaration({ kind: 'const' })) return undefined;
      holder = value;
    } else if (isOwnReturn(at, fn)) {
      returns.add(outerOf(at).parentPath!.node);
      continue;
    } else {
      const outer = outerOf(at);
      const declarator = outer.parentPath;
      if (!declarator?.isVariableDeclarator() || declarator.node.init !== outer.node || !declarator.parentPath?.isVariableDeclaration({ kind: 'const' })) return undefined;
      holder = declarator.get('id') as NodePath;
      if (!holder.isIdentifier()) return undefined;
    }
    const binding = holder.scope.getBinding((holder.node as t.Identifier).name);
    if (!binding?.constant || binding.referencePaths.length === 0) return undefined;
    for (const ref of binding.referencePaths) {
      if (!isOwnReturn(ref, fn)) return undefined;
      returns.add(outerOf(ref).parentPath!.node);
    }
  }
  return returns;
}

/** The S call a task-id argument of P comes from: `await S(…)`, or a const holding it used only as P's task-id argument. */
function submitCallOf(arg: NodePath, isPollArg: (p: NodePath) => boolean): NodePath<t.CallExpression> | undefined {
  const value = unwrap(arg);
  const awaited = (p: NodePath): NodePath<t.CallExpression> | undefined => {
    const inner = p.isAwaitExpression() ? unwrap(p.get('argument') as NodePath) : undefined;
    return inner?.isCallExpression() && t.isIdentifier(inner.node.callee) ? inner : undefined;
  };
  if (value.isAwaitExpression()) return awaited(value);
  if (!value.isIdentifier()) return undefined;
  const binding = value.scope.getBinding(value.node.name);
  const declarator = binding?.path;
  if (!binding?.constant || !declarator?.isVariableDeclarator() || !declarator.parentPath?.isVariableDeclaration({ kind: 'const' }) || !t.isIdentifier(declarator.node.id)) return undefined;
  if (!binding.referencePaths.every((ref) => isPollArg(outerOf(ref)))) return undefined;
  const init = declarator.get('init') as NodePath;
  return init.node ? awaited(unwrap(init)) : undefined;
}

/**
 * Submits whose task id reaches polls in another function of this module
 * through a provably closed S -> P hand-off, each with those polls.
 * `pollSources`: each poll's task-id identifiers (task-flow's `taskIdSources`).
 */
export function linkAcrossFunctions<C extends FlowCall>(submits: readonly C[], polls: ReadonlyMap<C, readonly NodePath<t.Identifier>[]>): Map<C, C[]> {
  const links = new Map<C, C[]>();

  // Polls grouped by the one parameter their task id is.
  const byParam = new Map<NodePath, C[]>();
  for (const [poll, sources] of polls) {
    if (sources.length === 0) continue;
    const bindings = new Set(sources.map((s) => s.scope.getBinding(s.node.name)));
    const [binding] = bindings;
    if (bindings.size !== 1 || !binding || binding.kind !== 'param') continue;
    byParam.set(binding.path, [...(byParam.get(binding.path) ?? []), poll]);
  }

  const claimed = new Set<C>();
  for (const [param, group] of byParam) {
    const link = linkGroup(param, group, submits);
    if (!link || claimed.has(link)) {
      // Two pollers for one submit: conservative, neither is linked.
      if (link) links.delete(link);
      continue;
    }
    claimed.add(link);
    links.set(link, group);
  }
  return links;
}

/** The submit whose every id reaches `param`'s polls and only them, if there is exactly one. */
function linkGroup<C extends FlowCall>(param: NodePath, group: readonly C[], submits: readonly C[]): C | undefined {
  // P's task-id parameter: a plain, never reassigned identifier used only by its polls.
  const poller = param.parentPath;
  if (!param.isIdentifier() || param.listKey !== 'params' || typeof param.key !== 'number' || !poller?.isFunction()) return undefined;
  const index = param.key;
  const binding = param.scope.getBinding(param.node.name);
  const pollCalls = group.map((p) => p.site.call);
  if (!binding?.constant || !binding.referencePaths.every((ref) => usedOnlyByPolls(ref, pollCalls, 0))) return undefined;
  const pCalls = privateCalls(poller);
  if (!pCalls) return undefined;

  // Every call of P passes, at `index`, an id made by one private S.
  const argAt = (call: NodePath<t.CallExpression>): NodePath | undefined => {
    const args = call.get('arguments');
    if (args.length <= index || args.slice(0, index + 1).some((a) => a.isSpreadElement())) return undefined;
    return args[index];
  };
  const pollArgs = new Set(pCalls.map(argAt).map((a) => a?.node));
  const isPollArg = (p: NodePath) => pollArgs.has(p.node);
  const sCalls = new Set<t.Node>();
  let submitFn: Fn | undefined;
  for (const call of pCalls) {
    const arg = argAt(call);
    const sCall = arg && submitCallOf(arg, isPollArg);
    if (!sCall) return undefined;
    const callee = sCall.get('callee') as NodePath<t.Identifier>;
    const declared = callee.scope.getBinding(callee.node.name)?.path;
    const fn = declared?.isFunction() ? declared : declared?.isVariableDeclarator() ? (declared.get('init') as NodePath) : undefined;
    if (!fn?.isFunction() || (submitFn && submitFn.node !== fn.node)) return undefined;
    submitFn = fn;
    sCalls.add(sCall.node);
  }
  if (!submitFn || !submitFn.node.async || submitFn.node === poller.node) return undefined;

  // S is private, and every call of it is one of those hand-offs.
  const allSCalls = privateCalls(submitFn);
  if (!allSCalls || !allSCalls.every((c) => sCalls.has(c.node))) return undefined;

  // S holds exactly one submit, and every `return` of S returns its task id.
  const fn = submitFn;
  const inS = submits.filter((s) => ownFunction(s.path)?.node === fn.node);
  const nested = submits.filter((s) => s.path.findParent((p) => p.node === fn.node) && !inS.includes(s));
  if (inS.length !== 1 || nested.length > 0 || !t.isBlockStatement(fn.node.body)) return undefined;
  const submit = inS[0]!;
  const returns = returnsOfTaskId(submit, fn);
  if (!returns || !ownReturns(fn).every((r) => returns.has(r.node))) return undefined;
  return submit;
}
