/** @babel/traverse is CommonJS; its default export arrives wrapped under ESM. */
import traverseModule, { type NodePath, type Visitor } from '@babel/traverse';
import type * as t from '@babel/types';

type TraverseFn = (parent: t.Node, opts: Visitor, scope?: unknown, state?: unknown) => void;
const mod = traverseModule as unknown as TraverseFn & { default?: TraverseFn };
export const traverse: TraverseFn = (mod.default ?? mod) as TraverseFn;

export type { NodePath, Visitor };

/** The Program path of a File, for scope lookups. */
export function programPathOf(ast: t.File): NodePath<t.Program> {
  let found: NodePath<t.Program> | undefined;
  traverse(ast, {
    Program(p: NodePath<t.Program>) {
      found = p;
      p.stop();
    },
  } as Visitor);
  if (!found) throw new Error('no Program in AST');
  return found;
}
