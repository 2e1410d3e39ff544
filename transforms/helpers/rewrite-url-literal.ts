/**
 * Rewrites the V2 path inside the string that spells it, wherever in this
 * file that string is (the call's argument, a const, an object member), so
 * host and base-URL style stay as they were.
 */
import * as t from '@babel/types';
import type { FileStyle } from './file-style.js';
import { quoteString } from './file-style.js';
import { markTouched } from './touched.js';
import { nodeWithin } from '../../src/engine/span.js';

/** Finds the literals (string or template quasis) this expression's value is built from, following same-file consts. */
export function literalsOf(node: t.Node, program: t.Program, seen = new Set<t.Node>()): (t.StringLiteral | t.TemplateElement)[] {
  if (seen.has(node)) return [];
  seen.add(node);
  if (t.isStringLiteral(node)) return [node];
  if (t.isTemplateLiteral(node)) return [...node.quasis, ...node.expressions.flatMap((e) => literalsOf(e, program, seen))];
  if (t.isBinaryExpression(node)) return [...literalsOf(node.left, program, seen), ...literalsOf(node.right, program, seen)];
  if (t.isTSAsExpression(node) || t.isTSNonNullExpression(node) || t.isParenthesizedExpression(node)) return literalsOf(node.expression, program, seen);
  if (t.isNewExpression(node) && t.isIdentifier(node.callee, { name: 'URL' })) return node.arguments.flatMap((a) => literalsOf(a, program, seen));
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.property, { name: 'toString' })) return literalsOf(node.callee.object, program, seen);
  if (t.isIdentifier(node)) {
    const init = findConstInit(node.name, program);
    return init ? literalsOf(init, program, seen) : [];
  }
  if (t.isMemberExpression(node) && t.isIdentifier(node.object) && !node.computed && t.isIdentifier(node.property)) {
    const init = findConstInit(node.object.name, program);
    if (init && t.isObjectExpression(init)) {
      const prop = init.properties.find((p): p is t.ObjectProperty => t.isObjectProperty(p) && t.isIdentifier(p.key, { name: (node.property as t.Identifier).name }));
      if (prop) return literalsOf(prop.value, program, seen);
    }
  }
  return [];
}

/** Module-level or function-level const/let with this name (first found; names are rarely shadowed in URL code). */
function findConstInit(name: string, program: t.Program): t.Node | undefined {
  let found: t.Node | undefined;
  t.traverseFast(program, (n) => {
    if (found) return;
    if (t.isVariableDeclarator(n) && t.isIdentifier(n.id, { name }) && n.init) found = n.init;
    if (t.isAssignmentPattern(n) && t.isIdentifier(n.left, { name })) found = n.right;
  });
  return found;
}

/** How many times `name` is referenced in the program (declarations excluded); names are rarely shadowed in URL code. */
function referenceCount(name: string, program: t.Program): number {
  let n = 0;
  t.traverseFast(program, (node) => {
    if (t.isIdentifier(node, { name })) n++;
  });
  return n - 1;
}

/**
 * Plans replacing `from` with `to` in the literal that spells the path. Only
 * a literal this call alone uses is edited: inside the call, or in a const
 * referenced once. A URL shared with other calls, or defined in another
 * module, cannot move with this call.
 */
export function planPathRewrite(urlNode: t.Node, call: t.Node, program: t.Program, from: RegExp, to: string, style: FileStyle): { apply: () => void } | { todo: string } {
  const lit = literalsOf(urlNode, program).find((l) => from.test(t.isStringLiteral(l) ? l.value : l.value.raw));
  if (!lit) return { todo: 'no one string in this file spells the V2 path (it is built from parts, or defined in another module)' };
  if (!nodeWithin(lit, call)) {
    const owner = ownerConst(lit, program);
    if (!owner || referenceCount(owner, program) !== 1) return { todo: 'the URL constant is shared with other code, which would move too' };
  }
  return {
    apply: () => {
      markTouched(program, lit);
      if (t.isStringLiteral(lit)) {
        lit.value = lit.value.replace(from, to);
        const raw = (lit.extra?.raw as string | undefined) ?? '';
        const quote = raw.startsWith('"') ? { ...style, quote: 'double' as const } : raw.startsWith("'") ? { ...style, quote: 'single' as const } : style;
        lit.extra = { rawValue: lit.value, raw: quoteString(lit.value, quote) };
      } else {
        lit.value = { raw: lit.value.raw.replace(from, to), cooked: (lit.value.cooked ?? lit.value.raw).replace(from, to) };
      }
    },
  };
}

/** The name of the const whose initialiser holds `lit`. */
function ownerConst(lit: t.Node, program: t.Program): string | undefined {
  let name: string | undefined;
  t.traverseFast(program, (n) => {
    if (!name && t.isVariableDeclarator(n) && t.isIdentifier(n.id) && n.init && nodeWithin(lit, n.init)) name = n.id.name;
  });
  return name;
}
