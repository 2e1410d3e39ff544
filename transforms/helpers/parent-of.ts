/** The node whose child `target` is (recast ASTs carry no parent pointers). */
import * as t from '@babel/types';

export function parentOf(root: t.Node, target: t.Node): t.Node | undefined {
  let found: t.Node | undefined;
  const visit = (node: t.Node): boolean => {
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (!c || typeof (c as t.Node).type !== 'string') continue;
        if (c === target) {
          found = node;
          return true;
        }
        if (visit(c as t.Node)) return true;
      }
    }
    return false;
  };
  visit(root);
  return found;
}
