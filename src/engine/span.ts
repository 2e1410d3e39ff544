import type * as t from '@babel/types';
import type { SourceSpan } from './types.js';

/** ESLint-style span of a node: 1-based lines and columns, end exclusive. */
export function spanOf(node: t.Node): SourceSpan {
  const loc = node.loc;
  if (!loc) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
}
