/** A precise `// TODO(novita-migrate): …` above the statement that holds a node. */
import * as t from '@babel/types';

export const TODO_TAG = 'TODO(novita-migrate)';

/** The statement (or class member) that contains `target`, found by walking from the root. */
export function enclosingStatement(root: t.Node, target: t.Node): t.Node | undefined {
  let found: t.Node | undefined;
  const stack: t.Node[] = [];
  const visit = (node: t.Node): boolean => {
    if (node === target) {
      // The statement that sits directly in a block or the program (so `export const x = …` keeps its `export`).
      for (let i = stack.length - 1; i > 0; i--) {
        const parent = stack[i - 1]!;
        if ((t.isProgram(parent) || t.isBlockStatement(parent) || t.isSwitchCase(parent) || t.isStaticBlock(parent)) && t.isStatement(stack[i]!)) {
          found = stack[i];
          break;
        }
      }
      return true;
    }
    stack.push(node);
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      for (const c of children) if (c && typeof (c as t.Node).type === 'string' && visit(c as t.Node)) return true;
    }
    stack.pop();
    return false;
  };
  visit(root);
  return found;
}

export function addTodo(root: t.Node, target: t.Node, text: string): boolean {
  const stmt = enclosingStatement(root, target);
  if (!stmt) return false;
  const line = ` ${TODO_TAG}: ${text}`;
  // Parsed by Babel the comment is in `leadingComments`; attached by recast, in `comments`.
  const node = stmt as t.Node & { comments?: t.Comment[] };
  const existing = [...((stmt.leadingComments ?? []) as t.Comment[]), ...(node.comments ?? [])];
  if (existing.some((c) => c.value.trim() === line.trim())) return false;
  // An older TODO of ours on this statement is replaced, not stacked: a re-run leaves one, up to date.
  const stale = existing.find((c) => c.value.trim().startsWith(TODO_TAG));
  if (stale) {
    stale.value = line;
    return true;
  }
  // recast prints `comments`; Babel ASTs keep `leadingComments`: set both.
  const comment = { type: 'CommentLine', value: line, leading: true, trailing: false } as t.CommentLine & { leading: boolean; trailing: boolean };
  node.comments = [...(node.comments ?? []), comment];
  return true;
}

export function hasTodo(source: string): boolean {
  return source.includes(TODO_TAG);
}
