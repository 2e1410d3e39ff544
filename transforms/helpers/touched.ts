/**
 * The nodes a transform edits, per program: their statements are the only
 * lines of the original allowed to change (fix's byte guard checks it).
 */
import type * as t from '@babel/types';

const TOUCHED = new WeakMap<t.Program, t.Node[]>();

export function markTouched(program: t.Program, node: t.Node): void {
  const list = TOUCHED.get(program) ?? [];
  list.push(node);
  TOUCHED.set(program, list);
}

export function touchedNodes(program: t.Program): readonly t.Node[] {
  return TOUCHED.get(program) ?? [];
}
