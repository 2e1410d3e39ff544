/**
 * Follows a V2 call's result to the reads of V2-only response fields:
 * `res.data.task_id` (axios), `json.data.task_id` after `await res.json()`,
 * destructuring, `.then(r => r.json())`, `data.status === 2`, `imgs`, …
 * Compiled `await` counts as `await`: `yield` in an `__awaiter` generator,
 * and `return [4, x]` … `_a.sent()` in an ES5 `__generator` state machine.
 * Within one function; a value returned to a caller is not followed.
 */
import * as t from '@babel/types';
import { V2_RESPONSE_FIELDS } from '../spec/v2-responses.js';
import type { V2Endpoint } from '../spec/endpoints.js';
import type { NodePath } from './babel-traverse.js';
import { spanOf } from './span.js';
import type { CallSite, ResponseRead } from './types.js';

/** What the tracked value is: a fetch-like Response, an axios response, or the JSON body (at a path prefix). */
type Held = { kind: 'response'; unwrap: 'json' | 'data' | 'body' } | { kind: 'body'; prefix: string };

function reportedPaths(endpoint: V2Endpoint): Set<string> {
  return new Set(V2_RESPONSE_FIELDS.filter((f) => f.endpoint === 'both' || f.endpoint === endpoint).map((f) => f.path));
}

function initialHeld(site: CallSite): Held {
  switch (site.client) {
    case 'fetch':
    case 'got':
    case 'ky':
      return { kind: 'response', unwrap: 'json' };
    case 'axios':
      return { kind: 'response', unwrap: 'data' };
    case 'superagent':
      return { kind: 'response', unwrap: 'body' };
    case 'novita-sdk':
      // The 1.x SDK unwraps `data`: `upscale()` resolves to `{ task_id }`, `progress()` to `{ status, imgs, … }`.
      return { kind: 'body', prefix: 'data' };
    default:
      return { kind: 'body', prefix: '' };
  }
}

const join = (prefix: string, key: string): string => (prefix ? `${prefix}.${key}` : key);

/** Where each recorded read sits in the tree (for following the task id on to its polls). */
export const readPaths = new WeakMap<t.Node, NodePath>();

/** A V2 call's response: the V2-only reads found, and the uses of it this pass cannot follow. */
export interface ResponseUse {
  reads: ResponseRead[];
  /** Uses fix cannot rewrite (returned, passed on, bracket access, …): a V2 response read there would stay V2. */
  escapes: string[];
}

export function findResponseReads(callPath: NodePath, site: CallSite): ResponseRead[] {
  return findResponseUse(callPath, site).reads;
}

export function findResponseUse(callPath: NodePath, site: CallSite): ResponseUse {
  const escapes: string[] = [];
  if (site.client === 'xhr') return { reads: [], escapes: ['the response is read through `xhr.responseText`, which fix does not follow'] };
  // The 1.x SDK's `upscaleSync` resolves to the images themselves, not a V2 response.
  const callee = site.call.callee;
  if (site.client === 'novita-sdk' && (t.isIdentifier(callee, { name: 'upscaleSync' }) || (t.isMemberExpression(callee) && t.isIdentifier(callee.property, { name: 'upscaleSync' })))) return { reads: [], escapes };
  const reads: ResponseRead[] = [];
  const paths = reportedPaths(site.endpoint);
  const seen = new Set<t.Node>();

  // No line numbers in the text: it ends up in TODO comments, which must not change when lines move.
  const escape = (_path: NodePath, why: string) => {
    if (!escapes.includes(why)) escapes.push(why);
  };
  const record = (node: t.Node, v2Path: string, compared?: NodePath, at?: NodePath) => {
    if (at) readPaths.set(node, at);
    const read: ResponseRead = { endpoint: site.endpoint, v2Path, node, span: spanOf(node) };
    if (v2Path === 'data.status' && compared?.isBinaryExpression() && ['===', '==', '!==', '!='].includes(compared.node.operator)) {
      const other = compared.node.left === node ? compared.node.right : compared.node.left;
      if (t.isNumericLiteral(other)) {
        read.comparedStatus = other.value;
        read.node = compared.node;
        read.span = spanOf(compared.node);
      }
    }
    reads.push(read);
    // `switch (p.data.status) { case 2: … }`: each numeric case is a status comparison of its own.
    if (v2Path === 'data.status' && compared?.isSwitchStatement() && compared.node.discriminant === node) {
      for (const c of compared.node.cases) {
        if (t.isNumericLiteral(c.test)) reads.push({ endpoint: site.endpoint, v2Path, node: c.test, comparedStatus: c.test.value, span: spanOf(c.test) });
      }
    }
  };

  const followBinding = (id: NodePath, held: Held) => {
    if (!id.isIdentifier()) return;
    const binding = id.scope.getBinding(id.node.name);
    for (const ref of binding?.referencePaths ?? []) track(ref, held);
  };

  const destructure = (pattern: NodePath<t.ObjectPattern>, held: Held) => {
    for (const p of pattern.get('properties')) {
      if (!p.isObjectProperty() || p.node.computed || !t.isIdentifier(p.node.key)) {
        escape(p as NodePath, 'a rest or computed key in the destructuring of the response');
        continue;
      }
      const key = p.node.key.name;
      const value = p.get('value') as NodePath;
      let next: Held | undefined;
      if (held.kind === 'response') {
        if ((held.unwrap === 'data' && key === 'data') || (held.unwrap === 'body' && key === 'body')) next = { kind: 'body', prefix: '' };
      } else {
        const path = join(held.prefix, key);
        if (paths.has(path)) record(p.node, path, undefined, p as NodePath);
        else if (path === 'data') next = { kind: 'body', prefix: 'data' };
      }
      if (!next) continue;
      const target = value.isAssignmentPattern() ? (value.get('left') as NodePath) : value;
      if (target.isObjectPattern()) destructure(target, next);
      else followBinding(target, next);
    }
  };

  const track = (path: NodePath, held: Held): void => {
    if (seen.has(path.node)) return;
    if (seen.size > 500) {
      escape(path, 'the response is used in more places than fix follows');
      return;
    }
    seen.add(path.node);
    const parent = path.parentPath;
    if (!parent) return;
    if (parent.isAwaitExpression() || parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression()) {
      track(parent, held);
      return;
    }
    // Compiled `await`: `yield x` in the generator an async helper runs, or tsc's ES5 `return [4, x]` resumed by `_a.sent()`.
    if (parent.isYieldExpression() && parent.node.argument === path.node && isCompiledAwait(parent)) {
      track(parent, held);
      return;
    }
    if (parent.isArrayExpression() && parent.node.elements[1] === path.node) {
      const resumed = resumeOfCompiledYield(parent);
      if (resumed) {
        track(resumed, held);
        return;
      }
    }
    if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === path.node) {
      if (parent.node.computed || !t.isIdentifier(parent.node.property)) {
        escape(parent, 'bracket access to the response');
        return;
      }
      const key = parent.node.property.name;
      const grand = parent.parentPath;
      if (key === 'then' && grand?.isCallExpression()) {
        const cb = grand.get('arguments')[0];
        if (cb && (cb.isArrowFunctionExpression() || cb.isFunctionExpression())) {
          const param = (cb.get('params') as NodePath[])[0];
          if (param?.isIdentifier()) followBinding(param, held);
          else if (param?.isObjectPattern()) destructure(param, held);
          else if (param) escape(param, 'an unusual parameter of the `.then` callback');
          // `.then(r => r.json())` hands the body to the next `.then`.
          const body = cb.node.body;
          if (held.kind === 'response' && t.isCallExpression(body) && t.isMemberExpression(body.callee) && t.isIdentifier(body.callee.property, { name: held.unwrap === 'json' ? 'json' : '' })) {
            track(grand, { kind: 'body', prefix: '' });
          } else if (held.kind === 'response' && t.isMemberExpression(body) && t.isIdentifier(body.property, { name: held.unwrap })) {
            track(grand, { kind: 'body', prefix: '' });
          }
        } else if (cb) {
          escape(cb as NodePath, 'the response is handed to a callback fix cannot see');
        }
        return;
      }
      if (held.kind === 'response') {
        if (held.unwrap === 'json' && key === 'json' && grand?.isCallExpression()) track(grand, { kind: 'body', prefix: '' });
        else if (held.unwrap === key) track(parent, { kind: 'body', prefix: '' });
        return;
      }
      const v2Path = join(held.prefix, key);
      if (paths.has(v2Path)) record(parent.node, v2Path, grand ?? undefined, parent);
      else if (v2Path === 'data') track(parent, { kind: 'body', prefix: 'data' });
      return;
    }
    if (parent.isVariableDeclarator() && parent.node.init === path.node) {
      const id = parent.get('id') as NodePath;
      if (id.isObjectPattern()) destructure(id, held);
      else followBinding(id, held);
      return;
    }
    if (parent.isAssignmentExpression() && parent.node.right === path.node && t.isIdentifier(parent.node.left)) {
      followBinding(parent.get('left') as NodePath, held);
      return;
    }
    // A value computed and thrown away (`await fetch(…);`) is no use of the response.
    if (parent.isExpressionStatement()) return;
    if (parent.isMemberExpression() || parent.isOptionalMemberExpression()) return;
    escape(parent, describeEscape(parent));
  };

  track(callPath, initialHeld(site));
  return { reads, escapes };
}

function describeEscape(parent: NodePath): string {
  if (parent.isReturnStatement() || parent.isArrowFunctionExpression() || isCompiledReturn(parent)) return 'the response is returned to callers fix cannot see';
  if (parent.isCallExpression() || parent.isNewExpression()) return 'the response is passed to a function';
  if (parent.isYieldExpression() || isCompiledYield(parent)) return 'the response is read through `yield`';
  if (parent.isTSSatisfiesExpression()) return 'the response goes through `satisfies`';
  if (parent.isObjectProperty() || parent.isArrayExpression() || parent.isSpreadElement()) return 'the response is stored in an object or array';
  if (parent.isAssignmentExpression()) return 'the response is stored outside a local variable';
  return `the response is used in a \`${parent.node.type}\``;
}

/** The name a helper is called by: `__awaiter`, `tslib_1.__awaiter`, `(0, tslib_1.__awaiter)`, `_asyncToGenerator2.default` (as `_asyncToGenerator2`). */
function helperName(callee: t.Node): string | undefined {
  let c = callee;
  if (t.isSequenceExpression(c)) c = c.expressions[c.expressions.length - 1]!;
  if (t.isIdentifier(c)) return c.name;
  if (!t.isMemberExpression(c) || c.computed || !t.isIdentifier(c.property)) return undefined;
  if (c.property.name === 'default' && t.isIdentifier(c.object)) return c.object.name;
  return c.property.name;
}

/** Helpers that run a generator as an async function, each `yield` being an `await`: tslib, esbuild, Babel. */
const ASYNC_HELPER = /^(?:__awaiter|__async|_asyncToGenerator\d*)$/;

/**
 * `yield x` inside the generator handed to an async helper
 * (`__awaiter(this, void 0, void 0, function* () { … })`): the compiled
 * `await x`. Any other generator (redux-saga, co) decides for itself what a
 * `yield` gives back, so it stays an escape.
 */
function isCompiledAwait(yieldPath: NodePath<t.YieldExpression>): boolean {
  if (yieldPath.node.delegate) return false;
  const fn = yieldPath.getFunctionParent();
  if (!fn?.isFunctionExpression() || !fn.node.generator) return false;
  const call = fn.parentPath;
  if (!call?.isCallExpression()) return false;
  const args = call.node.arguments;
  return args[args.length - 1] === fn.node && ASYNC_HELPER.test(helperName(call.node.callee) ?? '');
}

/** `[2, x]` in a `__generator` body: the compiled `return x`. */
function isCompiledReturn(parent: NodePath): boolean {
  return parent.isArrayExpression() && parent.node.elements.length === 2 && t.isNumericLiteral(parent.node.elements[0], { value: 2 }) && !!parent.parentPath?.isReturnStatement() && generatorStateOf(parent) !== undefined;
}

/**
 * `return [4, fetch(…)]` (with a yield comment after the 4) in tsc's ES5
 * `__generator` output: the compiled `yield fetch(…)`, whose value comes
 * back through `_a.sent()` in the next `case`.
 */
function isCompiledYield(parent: NodePath): boolean {
  if (!parent.isArrayExpression() || !parent.parentPath?.isReturnStatement()) return false;
  const [op] = parent.node.elements;
  return parent.node.elements.length === 2 && t.isNumericLiteral(op, { value: 4 });
}

/** The state parameter (`_a`) of the `__generator(this, function (_a) { … })` body that `path` is directly in. */
function generatorStateOf(path: NodePath): string | undefined {
  const fn = path.getFunctionParent();
  if (!fn?.isFunctionExpression() || fn.node.generator) return undefined;
  const call = fn.parentPath;
  if (!call?.isCallExpression() || call.node.arguments[1] !== fn.node || helperName(call.node.callee) !== '__generator') return undefined;
  const [state] = fn.node.params;
  return t.isIdentifier(state) ? state.name : undefined;
}

const isStateMember = (node: t.Node | null | undefined, state: string, name: string): boolean =>
  t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.object, { name: state }) && t.isIdentifier(node.property, { name });

/** `_a.label = n;` */
function setsLabel(statement: t.Statement, state: string, n?: number): boolean {
  if (!t.isExpressionStatement(statement) || !t.isAssignmentExpression(statement.expression, { operator: '=' })) return false;
  const { left, right } = statement.expression;
  return isStateMember(left, state, 'label') && (n === undefined || t.isNumericLiteral(right, { value: n }));
}

/**
 * Where the value of a compiled `yield` (`return [4, x]`, `array` being
 * `[4, x]`) comes back: the `_a.sent()` that starts the `case` of the next
 * state. tslib's `__generator` adds one to `_a.label` on a yield, so when the
 * `return` sits directly in `case n:` and that case is entered with the label
 * at n (by a jump, or by a fall-through that sets `_a.label = n`, as tsc
 * emits), the value arrives in `case n + 1:`. Any other shape: undefined,
 * and the use stays an escape.
 */
function resumeOfCompiledYield(array: NodePath<t.ArrayExpression>): NodePath | undefined {
  if (!isCompiledYield(array)) return undefined;
  const ret = array.parentPath!;
  const kase = ret.parentPath;
  if (!kase?.isSwitchCase() || !t.isNumericLiteral(kase.node.test) || !kase.node.consequent.includes(ret.node as t.Statement)) return undefined;
  const sw = kase.parentPath;
  const state = generatorStateOf(array);
  if (!sw?.isSwitchStatement() || state === undefined || !isStateMember(sw.node.discriminant, state, 'label')) return undefined;
  const n = kase.node.test.value;
  const cases = sw.node.cases;
  const at = cases.indexOf(kase.node);
  // The label must still be n at the `return`: not changed earlier in the case, and not left at n - 1 by a bare fall-through.
  if (kase.node.consequent.slice(0, kase.node.consequent.indexOf(ret.node as t.Statement)).some((s) => setsLabel(s, state))) return undefined;
  const before = at > 0 ? cases[at - 1]!.consequent : undefined;
  const last = before?.[before.length - 1];
  if (before && !(last && (t.isReturnStatement(last) || t.isThrowStatement(last) || setsLabel(last, state, n)))) return undefined;
  const nextIndex = cases.findIndex((c) => t.isNumericLiteral(c.test, { value: n + 1 }));
  if (nextIndex < 0) return undefined;
  // The resumed value is read first thing in the case: the first `_a.sent()` there, in its first statement.
  const first = (sw.get('cases')[nextIndex]!.get('consequent') as NodePath[])[0];
  if (!first) return undefined;
  let sent: NodePath | undefined;
  const isSent = (p: NodePath): boolean => p.isCallExpression() && p.node.arguments.length === 0 && isStateMember(p.node.callee, state, 'sent');
  if (first.isExpression() && isSent(first)) return first;
  first.traverse({
    Function(fn: NodePath) {
      fn.skip();
    },
    CallExpression(call: NodePath<t.CallExpression>) {
      if (!sent && isSent(call)) {
        sent = call;
        call.stop();
      }
    },
  });
  return sent;
}
