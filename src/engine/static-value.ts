/**
 * Static evaluation of expressions: enough to resolve URLs (literals,
 * templates, concatenation, consts, object members, parameter defaults,
 * `new URL(path, base)`, imported constants) and request-body values.
 */
import * as t from '@babel/types';
import type { NodePath } from './babel-traverse.js';
import type { CrossFileResolver } from './resolver.js';
import { NOVITA_SDK_1X_UPSCALERS } from '../spec/novita-sdk.js';

/** Stands for a part of a string that cannot be known statically. */
export const UNKNOWN_PART = '\u0000';

export type SValue =
  | { kind: 'string'; text: string } // may contain UNKNOWN_PART
  | { kind: 'literal'; value: number | boolean | null }
  | { kind: 'object'; path: NodePath<t.ObjectExpression> }
  | { kind: 'function' }
  | { kind: 'unknown' };

export const UNKNOWN: SValue = { kind: 'unknown' };

export interface EvalContext {
  filePath: string;
  resolver?: CrossFileResolver;
  /** Guards against cycles (a = b; b = a) and runaway recursion. */
  depth?: number;
}

const MAX_DEPTH = 24;

/**
 * The file each Program came from. A value found in another file (an imported
 * object whose members are themselves imports) must resolve its own imports
 * relative to that file, not to the file being analyzed.
 */
const FILE_OF_PROGRAM = new WeakMap<t.Node, string>();

export function registerProgramFile(program: t.Node, filePath: string): void {
  FILE_OF_PROGRAM.set(program, filePath);
}

/** The file a path's Program was read from, when the resolver read it. */
export function fileOfProgram(path: NodePath): string | undefined {
  return FILE_OF_PROGRAM.get(path.scope.getProgramParent().block);
}

function fileOf(path: NodePath, ctx: EvalContext): string {
  return fileOfProgram(path) ?? ctx.filePath;
}

export function isFullyKnownString(v: SValue): v is { kind: 'string'; text: string } {
  return v.kind === 'string' && !v.text.includes(UNKNOWN_PART);
}

/** The plain JS value of an SValue, when it is completely known. */
export function plainValue(v: SValue): { known: boolean; value?: unknown } {
  if (v.kind === 'literal') return { known: true, value: v.value };
  if (isFullyKnownString(v)) return { known: true, value: v.text };
  return { known: false };
}

function asString(v: SValue): string {
  switch (v.kind) {
    case 'string':
      return v.text;
    case 'literal':
      return String(v.value);
    default:
      return UNKNOWN_PART;
  }
}

export function evaluate(path: NodePath | null | undefined, ctx: EvalContext): SValue {
  if (!path || !path.node) return UNKNOWN;
  const depth = (ctx.depth ?? 0) + 1;
  if (depth > MAX_DEPTH) return UNKNOWN;
  const next: EvalContext = { ...ctx, depth };
  const node = path.node;

  if (t.isStringLiteral(node)) return { kind: 'string', text: node.value };
  if (t.isNumericLiteral(node)) return { kind: 'literal', value: node.value };
  if (t.isBooleanLiteral(node)) return { kind: 'literal', value: node.value };
  if (t.isNullLiteral(node)) return { kind: 'literal', value: null };
  if (t.isObjectExpression(node)) return { kind: 'object', path: path as NodePath<t.ObjectExpression> };
  if (t.isFunction(node)) return { kind: 'function' };
  if (t.isTemplateLiteral(node)) {
    const p = path as NodePath<t.TemplateLiteral>;
    let text = '';
    node.quasis.forEach((q, i) => {
      text += q.value.cooked ?? q.value.raw;
      if (i < node.expressions.length) text += asString(evaluate(p.get(`expressions.${i}`) as NodePath, next));
    });
    return { kind: 'string', text };
  }
  // u`${base}/v2/progress?task_id=${id}`, String.raw`…`: an encoding or raw tag keeps the template's text.
  if (t.isTaggedTemplateExpression(node)) return evaluate((path as NodePath<t.TaggedTemplateExpression>).get('quasi'), next);
  if (t.isUnaryExpression(node) && node.operator === '-') {
    const v = evaluate((path as NodePath<t.UnaryExpression>).get('argument'), next);
    return v.kind === 'literal' && typeof v.value === 'number' ? { kind: 'literal', value: -v.value } : UNKNOWN;
  }
  if (t.isBinaryExpression(node) && node.operator === '+') {
    const p = path as NodePath<t.BinaryExpression>;
    const left = evaluate(p.get('left') as NodePath, next);
    const right = evaluate(p.get('right'), next);
    if (left.kind === 'literal' && right.kind === 'literal' && typeof left.value === 'number' && typeof right.value === 'number') {
      return { kind: 'literal', value: left.value + right.value };
    }
    if (left.kind === 'string' || right.kind === 'string') return { kind: 'string', text: asString(left) + asString(right) };
    return UNKNOWN;
  }
  if (t.isLogicalExpression(node) && (node.operator === '??' || node.operator === '||')) {
    // `process.env.NOVITA_URL ?? 'https://api.novita.ai'`: the fallback is what the code means.
    const p = path as NodePath<t.LogicalExpression>;
    const left = evaluate(p.get('left'), next);
    return left.kind === 'unknown' ? evaluate(p.get('right'), next) : left;
  }
  if (t.isTSAsExpression(node) || t.isTSSatisfiesExpression(node) || t.isTSNonNullExpression(node) || t.isTypeCastExpression(node) || t.isTSTypeAssertion(node) || t.isParenthesizedExpression(node)) {
    return evaluate((path as NodePath<t.TSAsExpression>).get('expression') as NodePath, next);
  }
  if (t.isIdentifier(node)) return evaluateIdentifier(path as NodePath<t.Identifier>, next);
  if (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) return evaluateMember(path as NodePath<t.MemberExpression>, next);
  if (t.isNewExpression(node) && t.isIdentifier(node.callee, { name: 'URL' })) return evaluateNewUrl(path as NodePath<t.NewExpression>, next);
  if (t.isCallExpression(node)) {
    // `new URL(…).toString()`, `String(x)`, `url.concat(…)` are rare; toString is the common one.
    const callee = node.callee;
    if (t.isMemberExpression(callee) && t.isIdentifier(callee.property, { name: 'toString' }) && node.arguments.length === 0) {
      return evaluate((path as NodePath<t.CallExpression>).get('callee.object') as NodePath, next);
    }
    if (t.isIdentifier(callee, { name: 'String' }) && node.arguments.length === 1) {
      return evaluate((path as NodePath<t.CallExpression>).get('arguments.0') as NodePath, next);
    }
    // `"…/v2/progress?task_id=".concat(id)`: what tsc and Babel emit for a template string when targeting ES5.
    if (t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property, { name: 'concat' })) {
      const p = path as NodePath<t.CallExpression>;
      const head = evaluate(p.get('callee.object') as NodePath, next);
      if (head.kind !== 'string') return UNKNOWN;
      return { kind: 'string', text: head.text + p.get('arguments').map((a) => asString(evaluate(a as NodePath, next))).join('') };
    }
  }
  return UNKNOWN;
}

function evaluateNewUrl(path: NodePath<t.NewExpression>, ctx: EvalContext): SValue {
  const args = path.get('arguments');
  if (args.length === 0) return UNKNOWN;
  const rel = asString(evaluate(args[0] as NodePath, ctx));
  if (args.length === 1) return { kind: 'string', text: rel };
  const base = asString(evaluate(args[1] as NodePath, ctx));
  return { kind: 'string', text: joinUrl(base, rel) };
}

/** How `new URL(rel, base)` and `baseURL` + `url` combine, as far as the parts are known. */
export function joinUrl(base: string, rel: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rel)) return rel;
  const origin = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)/i.exec(base)?.[1];
  if (rel.startsWith('/') && origin) return origin + rel;
  if (base.endsWith('/') && rel.startsWith('/')) return base + rel.slice(1);
  if (!base.endsWith('/') && !rel.startsWith('/') && rel !== '') return `${base}/${rel}`;
  return base + rel;
}

function evaluateIdentifier(path: NodePath<t.Identifier>, ctx: EvalContext): SValue {
  const name = path.node.name;
  if (name === 'undefined') return UNKNOWN;
  const binding = path.scope.getBinding(name);
  if (!binding) return UNKNOWN;
  const bp = binding.path;
  if (binding.kind === 'module') return evaluateImport(bp, name, ctx);
  if (bp.isVariableDeclarator()) {
    const init = bp.get('init');
    if (!init.node) return UNKNOWN;
    const required = requiredSpecifier(init.node);
    if (required !== undefined) {
      // `const { UPSCALE_URL } = require('./config')`
      if (!ctx.resolver || !t.isObjectPattern(bp.node.id)) return UNKNOWN;
      const prop = bp.node.id.properties.find(
        (p): p is t.ObjectProperty => t.isObjectProperty(p) && t.isIdentifier(p.value, { name }),
      );
      const key = prop && t.isIdentifier(prop.key) ? prop.key.name : undefined;
      return key ? ctx.resolver.resolveExport(fileOf(path, ctx), required, key, ctx.depth ?? 0) : UNKNOWN;
    }
    // A reassigned `let` is unknown, unless it holds an object being built up (checked by the body reader).
    if (!binding.constant && !init.isObjectExpression()) return UNKNOWN;
    if (!t.isIdentifier(bp.node.id)) return UNKNOWN;
    return evaluate(init as NodePath, ctx);
  }
  // A parameter with a default: the default is what the function uses unless told otherwise.
  if (binding.kind === 'param') {
    const parent = binding.path;
    if (parent.isAssignmentPattern()) return evaluate(parent.get('right'), ctx);
    const ap = binding.identifier && findAssignmentPatternFor(binding.path, binding.identifier);
    if (ap) return evaluate(ap.get('right'), ctx);
    return UNKNOWN;
  }
  if (bp.isFunctionDeclaration() || bp.isClassDeclaration()) return { kind: 'function' };
  return UNKNOWN;
}

function findAssignmentPatternFor(path: NodePath, id: t.Identifier): NodePath<t.AssignmentPattern> | undefined {
  let found: NodePath<t.AssignmentPattern> | undefined;
  if (path.isAssignmentPattern() && path.node.left === id) return path;
  path.traverse({
    AssignmentPattern(p) {
      if (p.node.left === id) {
        found = p;
        p.stop();
      }
    },
  });
  return found;
}

function evaluateImport(bindingPath: NodePath, localName: string, ctx: EvalContext): SValue {
  if (!ctx.resolver) return UNKNOWN;
  const decl = bindingPath.parentPath;
  if (!decl || !decl.isImportDeclaration()) return UNKNOWN;
  const source = decl.node.source.value;
  const spec = bindingPath.node;
  let imported: string;
  if (t.isImportDefaultSpecifier(spec)) imported = 'default';
  else if (t.isImportSpecifier(spec)) imported = t.isIdentifier(spec.imported) ? spec.imported.name : spec.imported.value;
  else if (t.isImportNamespaceSpecifier(spec)) imported = '*';
  else return UNKNOWN;
  void localName;
  return ctx.resolver.resolveExport(fileOf(bindingPath, ctx), source, imported, ctx.depth ?? 0);
}

function propertyName(node: t.MemberExpression | t.OptionalMemberExpression, path: NodePath, ctx: EvalContext): string | undefined {
  if (!node.computed && t.isIdentifier(node.property)) return node.property.name;
  const v = evaluate(path.get('property') as NodePath, ctx);
  if (isFullyKnownString(v)) return v.text;
  if (v.kind === 'literal' && typeof v.value === 'number') return String(v.value);
  return undefined;
}

function evaluateMember(path: NodePath<t.MemberExpression>, ctx: EvalContext): SValue {
  const node = path.node;
  const name = propertyName(node, path, ctx);
  if (name === undefined) return UNKNOWN;
  const object = evaluate(path.get('object') as NodePath, ctx);
  if (object.kind === 'string' && (name === 'href' || name === 'toString')) return object;
  if (object.kind !== 'object') {
    const obj = path.get('object');
    // `enum Endpoint { Upscale = 'https://api.novita.ai/v2/upscale' }` then `Endpoint.Upscale`.
    const member = enumMember(obj as NodePath, name);
    if (member) return evaluate(member, ctx);
    // novita-sdk 1.x's `Upscalers.R_ESRGAN_4x_plus` (also `sdk.Upscalers.…` from a namespace import).
    const sdkEnum = novitaSdkEnumValue(obj as NodePath, name);
    if (sdkEnum !== undefined) return { kind: 'string', text: sdkEnum };
    // `import * as cfg from './config'` then `cfg.UPSCALE_URL`.
    if (obj.isIdentifier() && ctx.resolver) {
      const binding = obj.scope.getBinding(obj.node.name);
      const init = binding?.path.isVariableDeclarator() ? binding.path.node.init : undefined;
      const required = init ? requiredSpecifier(init) : undefined;
      if (required !== undefined) return ctx.resolver.resolveExport(fileOf(path, ctx), required, name, ctx.depth ?? 0);
      if (binding?.kind === 'module' && binding.path.isImportNamespaceSpecifier()) {
        const decl = binding.path.parentPath as NodePath<t.ImportDeclaration>;
        return ctx.resolver.resolveExport(fileOf(path, ctx), decl.node.source.value, name, ctx.depth ?? 0);
      }
    }
    return UNKNOWN;
  }
  const prop = findObjectProperty(object.path, name, ctx);
  return prop ? evaluate(prop, ctx) : UNKNOWN;
}

/**
 * The initialiser of a TypeScript enum's member, when `obj` names an enum
 * declared at the top of this file (Babel's scope keeps no binding for enums).
 */
function enumMember(obj: NodePath, member: string): NodePath | undefined {
  if (!obj.isIdentifier() || obj.scope.getBinding(obj.node.name)) return undefined;
  const name = obj.node.name;
  const program = obj.scope.getProgramParent().path as NodePath<t.Program>;
  for (const statement of program.get('body')) {
    const decl = statement.isExportNamedDeclaration() ? (statement.get('declaration') as NodePath) : statement;
    if (!decl.isTSEnumDeclaration() || decl.node.id.name !== name) continue;
    const m = decl.get('members').find((mp) => (t.isIdentifier(mp.node.id) ? mp.node.id.name : mp.node.id.value) === member);
    const init = m?.get('initializer');
    return init?.node ? (init as NodePath) : undefined;
  }
  return undefined;
}

function novitaSdkEnumValue(obj: NodePath, member: string): string | undefined {
  if (!(member in NOVITA_SDK_1X_UPSCALERS)) return undefined;
  let binding;
  if (obj.isIdentifier()) binding = obj.scope.getBinding(obj.node.name);
  else if (obj.isMemberExpression() && t.isIdentifier(obj.node.property, { name: 'Upscalers' }) && t.isIdentifier(obj.node.object)) binding = obj.scope.getBinding(obj.node.object.name);
  const decl = binding?.kind === 'module' ? binding.path.parentPath : undefined;
  if (!decl?.isImportDeclaration() || decl.node.source.value !== 'novita-sdk') return undefined;
  const spec = binding!.path.node;
  const named = t.isImportSpecifier(spec) && (t.isIdentifier(spec.imported) ? spec.imported.name : spec.imported.value) === 'Upscalers';
  return named || t.isImportNamespaceSpecifier(spec) ? NOVITA_SDK_1X_UPSCALERS[member] : undefined;
}

/** The value path of `name` in an object literal (last one wins, spreads included). */
export function findObjectProperty(objectPath: NodePath<t.ObjectExpression>, name: string, ctx: EvalContext): NodePath | undefined {
  const props = objectPath.get('properties');
  for (let i = props.length - 1; i >= 0; i--) {
    const p = props[i]!;
    if (p.isObjectProperty()) {
      const key = objectKeyName(p as NodePath<t.ObjectProperty>, ctx);
      if (key === name) return p.get('value') as NodePath;
    } else if (p.isSpreadElement()) {
      const v = evaluate(p.get('argument'), ctx);
      if (v.kind === 'object') {
        const inner = findObjectProperty(v.path, name, ctx);
        if (inner) return inner;
      }
    } else if (p.isObjectMethod()) {
      const key = p.node.key;
      if (!p.node.computed && t.isIdentifier(key) && key.name === name) return p as NodePath;
    }
  }
  return undefined;
}

export function objectKeyName(p: NodePath<t.ObjectProperty | t.ObjectMethod>, ctx: EvalContext): string | undefined {
  const node = p.node;
  const key = node.key;
  if (!node.computed) {
    if (t.isIdentifier(key)) return key.name;
    if (t.isStringLiteral(key)) return key.value;
    if (t.isNumericLiteral(key)) return String(key.value);
    return undefined;
  }
  const v = evaluate(p.get('key') as NodePath, ctx);
  return isFullyKnownString(v) ? v.text : undefined;
}

/** `require('x')`, `import('x')`, `await import('x')` -> 'x'. */
export function requiredSpecifier(node: t.Node): string | undefined {
  if (t.isAwaitExpression(node)) return requiredSpecifier(node.argument);
  if (t.isCallExpression(node) && (t.isIdentifier(node.callee, { name: 'require' }) || t.isImport(node.callee)) && node.arguments.length >= 1) {
    const arg = node.arguments[0];
    if (t.isStringLiteral(arg)) return arg.value;
  }
  return undefined;
}
