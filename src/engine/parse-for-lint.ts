/**
 * The parse lint uses: for an ES module the text scanner can follow, only
 * the statements that can matter are parsed (statement-ranges.ts), the rest
 * blanked in place so every position is the file's own. When the parser does
 * not see exactly the statements the scanner kept, or the blanked text does
 * not parse, the whole file is parsed instead: the answer is then the one a
 * whole parse gives, errors included.
 */
import { parseSource, type ParseOptions, type ParseResult } from './parse.js';
import { blankIrrelevantStatements, statementsAlign } from './statement-ranges.js';

/** JSX has text the scanner cannot follow: `.jsx`/`.tsx` (and other files) are parsed whole. */
const SCANNABLE = /\.(?:[cm]?[jt]s)$/i;

export function parseForLint(source: string, filePath: string, options: ParseOptions = {}): ParseResult {
  const blanked = SCANNABLE.test(filePath) && !/\.d\.[cm]?ts$/i.test(filePath) ? blankIrrelevantStatements(source) : null;
  if (blanked) {
    const parsed = parseSource(blanked.text, filePath, options);
    if (parsed.ok && statementsAlign(parsed.ast.program.body, blanked)) return parsed;
  }
  return parseSource(source, filePath, options);
}
