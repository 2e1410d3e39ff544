/** Shared by the in-function and the cross-function flow linkers: where a task-id variable may be used. */
import * as t from '@babel/types';
import type { NodePath } from './babel-traverse.js';
import { nodeWithin } from './span.js';

/** How many hops (local consts, nested expressions) a task id is followed before fix gives up on it. */
export const MAX_FOLLOW = 6;

/** A reference inside one of the poll calls, or inside a local const (a URL) that only those polls use. */
export function usedOnlyByPolls(ref: NodePath, pollCalls: readonly t.Node[], depth: number): boolean {
  if (pollCalls.some((call) => nodeWithin(ref.node, call))) return true;
  if (depth > MAX_FOLLOW) return false;
  const declarator = ref.findParent((p) => p.isVariableDeclarator()) as NodePath<t.VariableDeclarator> | null;
  if (!declarator || !t.isIdentifier(declarator.node.id) || !declarator.node.init || !nodeWithin(ref.node, declarator.node.init)) return false;
  const binding = declarator.scope.getBinding(declarator.node.id.name);
  return !!binding?.constant && binding.referencePaths.length > 0 && binding.referencePaths.every((r) => usedOnlyByPolls(r, pollCalls, depth + 1));
}
