/** Adds `import { name } from 'novita-migrate/shim'` (or a `require`) once, in the file's module style. */
import * as t from '@babel/types';
import type { FileStyle } from './file-style.js';

export const SHIM_MODULE = 'novita-migrate/shim';

export function ensureShimImport(program: t.Program, name: string, style: FileStyle): void {
  for (const stmt of program.body) {
    if (t.isImportDeclaration(stmt) && stmt.source.value === SHIM_MODULE) {
      if (!stmt.specifiers.some((s) => t.isImportSpecifier(s) && t.isIdentifier(s.imported, { name }))) stmt.specifiers.push(t.importSpecifier(t.identifier(name), t.identifier(name)));
      return;
    }
    if (t.isVariableDeclaration(stmt)) {
      const d = stmt.declarations[0];
      if (d && t.isCallExpression(d.init) && t.isIdentifier(d.init.callee, { name: 'require' }) && t.isStringLiteral(d.init.arguments[0], { value: SHIM_MODULE }) && t.isObjectPattern(d.id)) {
        if (!d.id.properties.some((p) => t.isObjectProperty(p) && t.isIdentifier(p.key, { name }))) d.id.properties.push(t.objectProperty(t.identifier(name), t.identifier(name), false, true));
        return;
      }
    }
  }
  const source = t.stringLiteral(SHIM_MODULE);
  source.extra = { rawValue: SHIM_MODULE, raw: style.quote === 'single' ? `'${SHIM_MODULE}'` : `"${SHIM_MODULE}"` };
  const decl = style.usesRequire
    ? t.variableDeclaration('const', [t.variableDeclarator(t.objectPattern([t.objectProperty(t.identifier(name), t.identifier(name), false, true)]), t.callExpression(t.identifier('require'), [source]))])
    : t.importDeclaration([t.importSpecifier(t.identifier(name), t.identifier(name))], source);
  // After the last import/require at the top, else first.
  let at = 0;
  program.body.forEach((stmt, i) => {
    if (t.isImportDeclaration(stmt) || (t.isVariableDeclaration(stmt) && stmt.declarations.some((d) => t.isCallExpression(d.init) && t.isIdentifier(d.init.callee, { name: 'require' })))) at = i + 1;
  });
  program.body.splice(at, 0, decl);
}
