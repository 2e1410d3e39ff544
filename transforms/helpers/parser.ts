/**
 * The parser recast uses: the very @babel/parser options lint uses (same
 * plugins per extension, Babel AST not ESTree), plus tokens for recast.
 * jscodeshift's own `babel` parser produces ESTree nodes, which the engine
 * does not read.
 */
import { parse } from '@babel/parser';
import { parserPluginsFor } from '../../src/engine/parse.js';

export function recastParserFor(filePath: string): { parse(code: string): unknown } {
  return {
    parse: (code: string) =>
      parse(code, {
        sourceType: 'unambiguous',
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
        allowUndeclaredExports: true,
        tokens: true,
        plugins: parserPluginsFor(filePath),
      }),
  };
}
