/** Adds `import { name } from 'module'` (or a `require`) once, in the file's module style. */
import * as t from '@babel/types';
import type { FileStyle } from './file-style.js';
import { quoteString } from './file-style.js';
import { markTouched } from './touched.js';

function specifierOf(imported: string, local: string): t.ImportSpecifier {
  return t.importSpecifier(t.identifier(local), t.identifier(imported));
}

function propertyOf(imported: string, local: string): t.ObjectProperty {
  return t.objectProperty(t.identifier(imported), t.identifier(local), false, imported === local);
}

export function ensureImport(program: t.Program, imported: string, source: string, style: FileStyle, local = imported): void {
  for (const stmt of program.body) {
    if (t.isImportDeclaration(stmt) && stmt.source.value === source && stmt.importKind !== 'type' && !stmt.specifiers.some((s) => t.isImportNamespaceSpecifier(s))) {
      if (!stmt.specifiers.some((s) => s.local.name === local)) {
        stmt.specifiers.push(specifierOf(imported, local));
        markTouched(program, stmt);
      }
      return;
    }
    if (t.isVariableDeclaration(stmt)) {
      const d = stmt.declarations[0];
      if (d && t.isCallExpression(d.init) && t.isIdentifier(d.init.callee, { name: 'require' }) && t.isStringLiteral(d.init.arguments[0], { value: source }) && t.isObjectPattern(d.id)) {
        if (!d.id.properties.some((p) => t.isObjectProperty(p) && t.isIdentifier(p.value, { name: local }))) {
          d.id.properties.push(propertyOf(imported, local));
          markTouched(program, stmt);
        }
        return;
      }
    }
  }
  // A new declaration is added as text after printing (insertPendingImports): recast reprints the whole
  // program when its body changes, which damages directives (`'use strict';;`) and blank lines.
  const pending = PENDING.get(program) ?? [];
  PENDING.set(program, pending);
  const entry = pending.find((p) => p.source === source);
  if (entry) {
    if (!entry.names.some((n) => n.local === local)) entry.names.push({ imported, local });
  } else pending.push({ source, names: [{ imported, local }] });
}

interface PendingImport {
  source: string;
  names: Array<{ imported: string; local: string }>;
}

const PENDING = new WeakMap<t.Program, PendingImport[]>();

/**
 * Inserts the declarations `ensureImport` could not add to an existing one,
 * as text: after the last top-level import or require of the printed output,
 * else after the directive prologue, else at the top (after a shebang).
 */
export function insertPendingImports(program: t.Program, printed: t.File, text: string, style: FileStyle, usesRequire: boolean, firstLineIsShebang: boolean): string {
  const pending = PENDING.get(program);
  if (!pending?.length) return text;
  const eol = style.lineTerminator;
  const lines = pending.map(({ source, names }) => {
    const quoted = quoteString(source, style);
    if (usesRequire) return `const { ${names.map((n) => (n.imported === n.local ? n.local : `${n.imported}: ${n.local}`)).join(', ')} } = require(${quoted});`;
    return `import { ${names.map((n) => (n.imported === n.local ? n.local : `${n.imported} as ${n.local}`)).join(', ')} } from ${quoted};`;
  });
  let at: number | undefined;
  for (const stmt of printed.program.body) {
    const isImport = t.isImportDeclaration(stmt) || (t.isVariableDeclaration(stmt) && stmt.declarations.some((d) => t.isCallExpression(d.init) && t.isIdentifier(d.init.callee, { name: 'require' })));
    if (isImport && stmt.end != null) at = stmt.end;
  }
  if (at === undefined) {
    const directives = printed.program.directives;
    if (directives.length) at = directives[directives.length - 1]!.end ?? undefined;
  }
  if (at === undefined) {
    // The shebang (a same-length `//` comment while printing) stays the first line.
    const shebang = firstLineIsShebang ? /^[^\r\n]*(?:\r\n|\r|\n)?/.exec(text) : null;
    const offset = shebang ? shebang[0].length : 0;
    return text.slice(0, offset) + lines.join(eol) + eol + text.slice(offset);
  }
  return text.slice(0, at) + eol + lines.join(eol) + text.slice(at);
}
