import type * as t from '@babel/types';
import type { SourceSpan } from './types.js';

/** `inner` lies inside `outer` in the source (both parsed from the same text). */
export function nodeWithin(inner: t.Node, outer: t.Node): boolean {
  return inner.start != null && outer.start != null && inner.start >= outer.start && (inner.end ?? 0) <= (outer.end ?? 0);
}

/** ESLint-style span of a node: 1-based lines and columns, end exclusive. */
export function spanOf(node: t.Node): SourceSpan {
  const loc = node.loc;
  if (!loc) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
}
