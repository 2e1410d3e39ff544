/**
 * recast parses the source with each line's leading tabs expanded to spaces
 * (its default tab width, 4), so the columns of the transform's call sites
 * are not the file's: a tab-indented call at column 20 is at 23 there. Lint
 * messages carry the file's columns, and fix matches calls to messages by
 * `line:column`, so the transform's spans are mapped back before that.
 */
import type { CallSite } from '../../src/engine/types.js';

const RECAST_TAB_WIDTH = 4;
const LINE_BREAK = /\r\n|\r(?!\n)|\n|\u2028|\u2029/;

/** recast's `countSpaces`: the width of leading whitespace once tabs are expanded. */
function expandedWidth(spaces: string): number {
  let count = 0;
  for (const ch of spaces) {
    if (ch === '\t') count = count % RECAST_TAB_WIDTH === 0 ? count + RECAST_TAB_WIDTH : Math.ceil(count / RECAST_TAB_WIDTH) * RECAST_TAB_WIDTH;
    else if (ch !== '\v' && ch !== '\f' && ch !== '\r' && ch !== '\uFEFF') count += 1;
  }
  return count;
}

/** Maps a 1-based column recast reports on a line back to the column in `text`. */
export function originalColumns(text: string): (line: number, column: number) => number {
  if (!text.includes('\t')) return (_line, column) => column;
  const lines = text.split(LINE_BREAK);
  return (line, column) => {
    const spaces = /^\s*/.exec(lines[line - 1] ?? '')![0];
    const width = expandedWidth(spaces);
    return column - 1 >= width ? column - width + spaces.length : column;
  };
}

/** The site with its span in the file's own columns (what lint messages say). */
export function withOriginalSpan(site: CallSite, columnOf: (line: number, column: number) => number): CallSite {
  const { line, column, endLine, endColumn } = site.span;
  const span = { line, column: columnOf(line, column), endLine, endColumn: columnOf(endLine, endColumn) };
  return span.column === column && span.endColumn === endColumn ? site : { ...site, span };
}
