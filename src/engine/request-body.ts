/**
 * Reads a V2 request body wherever it is built: inline, through variables,
 * `JSON.stringify`, spreads of known objects, `Object.assign` (and the
 * helpers compilers turn spreads into), and `payload.x = …` statements
 * (marked conditional inside `if`, loops, …).
 */
import * as t from '@babel/types';
import type { NodePath } from './babel-traverse.js';
import { spanOf } from './span.js';
import { evaluate, objectKeyName, plainValue, type EvalContext } from './static-value.js';
import type { BodyProperty, RequestBody } from './types.js';

interface Collected {
  properties: BodyProperty[];
  hasUnknownKeys: boolean;
  object?: t.ObjectExpression;
}

function isJsonStringify(node: t.Node): node is t.CallExpression {
  return (
    t.isCallExpression(node) &&
    t.isMemberExpression(node.callee) &&
    t.isIdentifier(node.callee.object, { name: 'JSON' }) &&
    t.isIdentifier(node.callee.property, { name: 'stringify' })
  );
}

function unwrap(path: NodePath): NodePath {
  let p = path;
  while (p.isTSAsExpression() || p.isTSSatisfiesExpression() || p.isTSNonNullExpression() || p.isParenthesizedExpression() || p.isTSTypeAssertion()) {
    p = p.get('expression') as NodePath;
  }
  return p;
}

/** Between a statement and the scope that owns the body: is it on only some paths? */
function isConditional(path: NodePath, ownerScopeBlock: t.Node): boolean {
  let p: NodePath | null = path.parentPath;
  while (p && p.node !== ownerScopeBlock) {
    if (p.isIfStatement() || p.isConditionalExpression() || p.isLogicalExpression() || p.isLoop() || p.isSwitchCase() || p.isCatchClause()) return true;
    if (p.isFunction()) return true; // set inside a callback: may run any number of times
    p = p.parentPath;
  }
  return false;
}

export function readRequestBody(argument: NodePath, ctx: EvalContext): RequestBody {
  let p = unwrap(argument);
  let stringified = false;
  if (isJsonStringify(p.node)) {
    stringified = true;
    const inner = (p as NodePath<t.CallExpression>).get('arguments')[0];
    if (!inner) return { argument: argument.node, stringified, properties: [], hasUnknownKeys: true };
    p = unwrap(inner as NodePath);
  }
  const collected = collect(p, ctx, new Set());
  return mergeByName({ argument: argument.node, stringified, ...collected });
}

function collect(path: NodePath, ctx: EvalContext, seen: Set<t.Node>): Collected {
  const p = unwrap(path);
  if (seen.has(p.node) || seen.size > 32) return { properties: [], hasUnknownKeys: true };
  seen.add(p.node);
  if (p.isObjectExpression()) return collectObject(p, ctx, seen, false);
  if (p.isIdentifier()) return collectIdentifier(p, ctx, seen);
  // `Object.assign({}, defaults, { image })`, `__assign(__assign({}, params), {…})`: every source contributes, later ones win.
  if (p.isCallExpression() && isObjectAssign(p.node)) {
    const out: Collected = { properties: [], hasUnknownKeys: false };
    for (const a of p.get('arguments')) {
      const inner = a.isSpreadElement() ? { properties: [], hasUnknownKeys: true } : collect(a as NodePath, ctx, seen);
      out.properties.push(...inner.properties);
      out.hasUnknownKeys ||= inner.hasUnknownKeys;
      out.object ??= inner.object;
    }
    return out;
  }
  if (p.isMemberExpression() || p.isCallExpression()) {
    const v = evaluate(p, ctx);
    if (v.kind === 'object') return collectObject(v.path, ctx, seen, false);
  }
  return { properties: [], hasUnknownKeys: true };
}

function collectObject(path: NodePath<t.ObjectExpression>, ctx: EvalContext, seen: Set<t.Node>, conditional: boolean): Collected {
  const out: Collected = { properties: [], hasUnknownKeys: false, object: path.node };
  for (const prop of path.get('properties')) {
    if (prop.isObjectProperty()) {
      const name = objectKeyName(prop, ctx);
      if (name === undefined) {
        out.hasUnknownKeys = true;
        continue;
      }
      const value = evaluate(prop.get('value') as NodePath, ctx);
      out.properties.push({
        name,
        keyNode: prop.node.key,
        valueNode: prop.node.value,
        origin: prop.node,
        conditional,
        span: spanOf(prop.node),
        ...bodyValue(prop.get('value') as NodePath, value),
      });
    } else if (prop.isSpreadElement()) {
      const inner = collect(prop.get('argument'), ctx, seen);
      out.properties.push(...inner.properties.map((b) => ({ ...b, conditional: b.conditional || conditional })));
      out.hasUnknownKeys ||= inner.hasUnknownKeys;
    } else if (prop.isObjectMethod()) {
      out.hasUnknownKeys = true;
    }
  }
  return out;
}

function collectIdentifier(path: NodePath<t.Identifier>, ctx: EvalContext, seen: Set<t.Node>): Collected {
  const binding = path.scope.getBinding(path.node.name);
  if (!binding || !binding.path.isVariableDeclarator() || !t.isIdentifier(binding.path.node.id)) return { properties: [], hasUnknownKeys: true };
  const init = binding.path.get('init');
  if (!init.node) return { properties: [], hasUnknownKeys: true };
  // Reassigned wholesale (`payload = other`): unknown.
  if (binding.constantViolations.some((v) => v.isAssignmentExpression() && t.isIdentifier(v.node.left))) return { properties: [], hasUnknownKeys: true };
  const base = collect(init as NodePath, ctx, seen);
  const ownerBlock = binding.scope.block;
  // Later statements that add to the object: `payload.x = …`, `payload['x'] = …`, `Object.assign(payload, {…})`.
  for (const ref of binding.referencePaths) {
    const parent = ref.parentPath;
    if (!parent) continue;
    if (parent.isMemberExpression() && parent.node.object === ref.node) {
      const assign = parent.parentPath;
      if (assign?.isAssignmentExpression() && assign.node.left === parent.node) {
        let name: string | undefined;
        if (!parent.node.computed && t.isIdentifier(parent.node.property)) name = parent.node.property.name;
        else {
          const key = evaluate(parent.get('property') as NodePath, ctx);
          name = plainValue(key).known ? String(plainValue(key).value) : undefined;
        }
        if (name === undefined) {
          base.hasUnknownKeys = true;
          continue;
        }
        const statement = assign.parentPath?.isExpressionStatement() ? assign.parentPath.node : assign.node;
        const known = assign.node.operator === '=' ? bodyValue(assign.get('right'), evaluate(assign.get('right'), ctx)) : { known: false };
        base.properties.push({
          name,
          keyNode: parent.node.property,
          valueNode: assign.node.right,
          origin: statement,
          conditional: isConditional(assign, ownerBlock),
          span: spanOf(parent.node),
          ...known,
        });
      }
    } else if (parent.isCallExpression() && parent.node.arguments[0] === ref.node && isObjectAssign(parent.node)) {
      const conditional = isConditional(parent, ownerBlock);
      parent.get('arguments').slice(1).forEach((arg) => {
        const inner = collect(arg as NodePath, ctx, seen);
        base.properties.push(...inner.properties.map((b) => ({ ...b, conditional: b.conditional || conditional })));
        base.hasUnknownKeys ||= inner.hasUnknownKeys;
      });
    }
  }
  return base;
}

/**
 * `Object.assign(target, …sources)`, or a compiler's helper with the same
 * meaning (object spread lowered for old targets): TypeScript's `__assign`
 * (`tslib.__assign`, `tslib_1.__assign`), Babel's `_extends`, `_objectSpread`,
 * `_objectSpread2` (renamed `_extends2`, …; `(0, _objectSpread2.default)(…)`
 * with @babel/runtime), esbuild's `__spreadValues` / `__spreadProps`. The names
 * are a compiler convention, so a local function of that name counts too.
 */
const MERGE_HELPER = /^(?:__assign|_extends\d*|_objectSpread\d*|__spreadValues|__spreadProps)$/;

function isObjectAssign(node: t.CallExpression): boolean {
  let callee: t.Node = node.callee;
  // `(0, tslib_1.__assign)(…)`: the callee of an indirect call is the sequence's last expression.
  if (t.isSequenceExpression(callee)) callee = callee.expressions[callee.expressions.length - 1]!;
  if (t.isIdentifier(callee)) return MERGE_HELPER.test(callee.name);
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property)) return false;
  const object = t.isIdentifier(callee.object) ? callee.object.name : undefined;
  if (object === 'Object') return callee.property.name === 'assign';
  // `_objectSpread2.default`: @babel/runtime's helper, imported under the helper's name.
  if (callee.property.name === 'default') return object !== undefined && /^_(?:extends|objectSpread)\d*$/.test(object);
  return MERGE_HELPER.test(callee.property.name);
}

/**
 * One entry per parameter name, later settings winning. A value is known only
 * when the last setting is unconditional, or every setting agrees.
 */
function mergeByName(body: RequestBody & { object?: t.ObjectExpression }): RequestBody {
  const byName = new Map<string, BodyProperty[]>();
  for (const p of body.properties) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const properties: BodyProperty[] = [];
  for (const entries of byName.values()) {
    const first = entries[0]!;
    const last = entries[entries.length - 1]!;
    const allAgree = entries.every((e) => e.known && last.known && e.value === last.value);
    const lastUnconditional = entries.findLastIndex((e) => !e.conditional);
    const known = allAgree || (lastUnconditional === entries.length - 1 && last.known);
    const conditional = entries.every((e) => e.conditional);
    properties.push({
      ...first,
      known,
      value: known ? last.value : undefined,
      conditional,
      otherOrigins: entries.slice(1).map((e) => e.origin),
    });
  }
  return { ...body, properties };
}

/**
 * A body value is known only when the program always sends it: a value that
 * flows from a function parameter (even one with a default) is up to the caller.
 */
function bodyValue(path: NodePath, value: ReturnType<typeof evaluate>): { known: boolean; value?: unknown } {
  if (path.isIdentifier() && path.scope.getBinding(path.node.name)?.kind === 'param') return { known: false };
  return plainValue(value);
}
