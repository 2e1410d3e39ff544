/**
 * `/v2/progress` serves every V2 task type. A poll whose task id was read
 * from the response of a V2 txt2img (img2img, …) call on a Novita host polls
 * that task, not an upscale: this tool has nothing to migrate it to, and
 * routing it through the upscale shim only adds a dependency.
 */
import * as t from '@babel/types';
import type { NodePath } from './babel-traverse.js';
import { evaluate, type EvalContext } from './static-value.js';
import { isNovitaHost } from '../spec/endpoints.js';

const MAX_FOLLOW = 6;
const NOVITA_V2_URL = /^(?:https?:)?\/\/([^/?#]+)\/v2\/([a-z0-9_-]+)/i;

/** The V2 endpoint (`txt2img`, `img2img`, …) a task id comes from, when it is provably not `upscale`. */
export function otherV2TaskOf(id: NodePath<t.Identifier>, ctx: EvalContext): string | undefined {
  let current: NodePath<t.Identifier> | undefined = id;
  for (let depth = 0; current && depth < MAX_FOLLOW; depth++) {
    const binding = current.scope.getBinding(current.node.name);
    if (!binding?.constant || !binding.path.isVariableDeclarator()) return undefined;
    const init = binding.path.get('init') as NodePath;
    if (!init.node) return undefined;
    const endpoint = endpointRequestedIn(init, ctx);
    if (endpoint) return endpoint === 'upscale' || endpoint === 'progress' ? undefined : endpoint;
    current = rootIdentifier(init);
  }
  return undefined;
}

/** `await res.json()`, `response.data.data.task_id`, `(yield x).data`: the variable the value is read from. */
function rootIdentifier(path: NodePath): NodePath<t.Identifier> | undefined {
  let p: NodePath = path;
  for (;;) {
    if (p.isIdentifier()) return p;
    if (p.isAwaitExpression() || p.isYieldExpression() || p.isTSAsExpression() || p.isTSNonNullExpression() || p.isParenthesizedExpression()) p = p.get('argument' in p.node ? 'argument' : 'expression') as NodePath;
    else if (p.isMemberExpression() || p.isOptionalMemberExpression()) p = p.get('object') as NodePath;
    else if ((p.isCallExpression() || p.isOptionalCallExpression()) && p.node.arguments.length === 0) p = p.get('callee') as NodePath; // `.json()`
    else return undefined;
  }
}

/** The Novita V2 endpoint named by the URL of a request made inside this expression, if any. */
function endpointRequestedIn(expr: NodePath, ctx: EvalContext): string | undefined {
  let found: string | undefined;
  const check = (call: NodePath<t.CallExpression>) => {
    const [first] = call.get('arguments');
    const candidates: NodePath[] = first ? [first] : [];
    if (first?.isObjectExpression()) {
      for (const prop of first.get('properties')) {
        if (prop.isObjectProperty() && t.isIdentifier(prop.node.key, { name: 'url' })) candidates.push(prop.get('value') as NodePath);
      }
    }
    for (const c of candidates) {
      const v = evaluate(c, ctx);
      const m = v.kind === 'string' ? NOVITA_V2_URL.exec(v.text) : null;
      if (m && isNovitaHost(m[1]!.replace(/:\d+$/, ''))) {
        found = m[2]!.toLowerCase();
        call.stop();
        return;
      }
    }
  };
  if (expr.isCallExpression()) check(expr);
  if (!found) expr.traverse({ CallExpression: check });
  return found;
}
