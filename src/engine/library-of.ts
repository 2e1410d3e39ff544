/**
 * Which HTTP library (or SDK) an identifier stands for: followed through
 * imports, `require`, instances (`axios.create`, `ky.create`, `got.extend`,
 * `new NovitaSDK`, `new XMLHttpRequest`) and class fields (`this.sdk`).
 */
import * as t from '@babel/types';
import type { NodePath } from './babel-traverse.js';
import { evaluate, fileOfProgram, findObjectProperty, requiredSpecifier, type EvalContext } from './static-value.js';

export type Library = 'fetch' | 'axios' | 'got' | 'ky' | 'superagent' | 'undici' | 'novita-sdk' | 'xhr';

export interface LibraryRef {
  library: Library;
  /** `axios.create(...)`-style instance (its config object, for baseURL / prefixUrl). */
  instanceConfig?: NodePath<t.ObjectExpression>;
  /** A novita-sdk 1.x class instance (vs. the module's functional exports). */
  sdkInstance?: boolean;
  /** For named imports: the imported name (`upscale` from novita-sdk, `fetch` from undici). */
  importedName?: string;
}

const MODULES: Record<string, Library> = {
  axios: 'axios',
  got: 'got',
  ky: 'ky',
  'ky-universal': 'ky',
  superagent: 'superagent',
  'node-fetch': 'fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
  'isomorphic-unfetch': 'fetch',
  undici: 'undici',
  'novita-sdk': 'novita-sdk',
};

/** A path to a copy of the SDK: `../node_modules/novita-sdk`, `./vendor/novita-sdk/src`, `novita-sdk/dist/index.js`. */
const SDK_PATH = /(?:^|\/)novita-sdk(?:\/|$)/;

/** The client a module specifier is (`node-fetch` -> fetch, `ky-universal` -> ky, a path into novita-sdk, …). */
export function moduleLibrary(source: string): Library | undefined {
  return MODULES[source] ?? (SDK_PATH.test(source) ? 'novita-sdk' : undefined);
}

/** `import { NovitaSDK } from './novita'`: the SDK's class re-exported (or vendored) under its own name. */
function isSdkClassImport(spec: t.Node): boolean {
  return t.isImportSpecifier(spec) && (t.isIdentifier(spec.imported) ? spec.imported.name : spec.imported.value) === 'NovitaSDK';
}

/** The library a callee's root expression refers to. */
export function libraryOf(path: NodePath, ctx: EvalContext, depth = 0): LibraryRef | undefined {
  if (depth > 8) return undefined;
  const node = path.node;
  if (t.isIdentifier(node)) {
    const binding = path.scope.getBinding(node.name);
    if (!binding) {
      if (node.name === 'fetch') return { library: 'fetch' };
      return undefined;
    }
    const bp = binding.path;
    if (binding.kind === 'module') {
      const decl = bp.parentPath;
      if (!decl?.isImportDeclaration()) return undefined;
      const library = moduleLibrary(decl.node.source.value) ?? (isSdkClassImport(bp.node) ? 'novita-sdk' : undefined);
      if (!library) {
        // Only `api.post(…)`-style uses look into the other module: a plain imported function is not a client.
        const usedAsObject = path.parentPath?.isMemberExpression() && path.parentPath.node.object === node;
        return usedAsObject ? importedInstance(bp, decl.node.source.value, ctx, depth) : undefined;
      }
      const spec = bp.node;
      const importedName = t.isImportSpecifier(spec) ? (t.isIdentifier(spec.imported) ? spec.imported.name : spec.imported.value) : undefined;
      return { library, importedName };
    }
    if (bp.isVariableDeclarator()) {
      const init = bp.get('init');
      if (!init.node) return undefined;
      const required = requiredSpecifier(init.node);
      if (required !== undefined) {
        const library = moduleLibrary(required);
        if (!library) return undefined;
        if (t.isObjectPattern(bp.node.id)) {
          const prop = bp.node.id.properties.find((p): p is t.ObjectProperty => t.isObjectProperty(p) && t.isIdentifier(p.value, { name: node.name }));
          const importedName = prop && t.isIdentifier(prop.key) ? prop.key.name : undefined;
          return { library, importedName };
        }
        return { library };
      }
      // `require('axios').default`
      if (init.isMemberExpression() && requiredSpecifier(init.node.object) !== undefined) {
        const library = moduleLibrary(requiredSpecifier(init.node.object)!);
        return library ? { library } : undefined;
      }
      if (!binding.constant) return undefined;
      return libraryOfExpression(init as NodePath, ctx, depth + 1);
    }
    return undefined;
  }
  return libraryOfExpression(path, ctx, depth + 1);
}

/** `import { api } from './http'` where `http` exports `axios.create({ baseURL })` (or an SDK instance). */
function importedInstance(spec: NodePath, source: string, ctx: EvalContext, depth: number): LibraryRef | undefined {
  if (!ctx.resolver?.resolveExportPath || !source.startsWith('.')) return undefined;
  const node = spec.node;
  const imported = t.isImportDefaultSpecifier(node) ? 'default' : t.isImportSpecifier(node) ? (t.isIdentifier(node.imported) ? node.imported.name : node.imported.value) : undefined;
  if (!imported) return undefined;
  const target = ctx.resolver.resolveExportPath(fileOfProgram(spec) ?? ctx.filePath, source, imported, ctx.depth ?? 0);
  if (!target) return undefined;
  return libraryOf(target, { ...ctx, filePath: fileOfProgram(target) ?? ctx.filePath }, depth + 1);
}

function unwrapAwait(path: NodePath): NodePath {
  let p = path;
  while (p.isAwaitExpression() || p.isParenthesizedExpression() || p.isTSAsExpression() || p.isTSNonNullExpression()) {
    p = p.get(p.isAwaitExpression() ? 'argument' : 'expression') as NodePath;
  }
  return p;
}

function libraryOfExpression(rawPath: NodePath, ctx: EvalContext, depth: number): LibraryRef | undefined {
  const path = unwrapAwait(rawPath);
  const node = path.node;
  if (t.isIdentifier(node)) return libraryOf(path, ctx, depth);
  // globalThis.fetch / window.fetch / self.fetch
  if (t.isMemberExpression(node) && t.isIdentifier(node.property, { name: 'fetch' }) && t.isIdentifier(node.object) && ['globalThis', 'window', 'self', 'global'].includes(node.object.name)) {
    return { library: 'fetch' };
  }
  if (t.isNewExpression(node)) {
    const callee = (path as NodePath<t.NewExpression>).get('callee');
    if (callee.isIdentifier({ name: 'XMLHttpRequest' })) return { library: 'xhr' };
    const ref = libraryOf(callee as NodePath, ctx, depth + 1);
    if (ref?.library === 'novita-sdk') return { library: 'novita-sdk', sdkInstance: true };
    return undefined;
  }
  if (t.isCallExpression(node)) {
    // axios.create({ baseURL }), ky.create({ prefixUrl }), ky.extend(…), got.extend({ prefixUrl })
    const callee = (path as NodePath<t.CallExpression>).get('callee');
    if (callee.isMemberExpression() && t.isIdentifier(callee.node.property) && ['create', 'extend'].includes(callee.node.property.name)) {
      const ref = libraryOf(callee.get('object') as NodePath, ctx, depth + 1);
      if (ref && (ref.library === 'axios' || ref.library === 'ky' || ref.library === 'got')) {
        const arg = (path as NodePath<t.CallExpression>).get('arguments')[0];
        const config = arg ? evaluate(arg as NodePath, ctx) : undefined;
        return { library: ref.library, instanceConfig: config?.kind === 'object' ? config.path : ref.instanceConfig };
      }
    }
    const required = requiredSpecifier(node);
    if (required !== undefined) {
      const library = moduleLibrary(required);
      return library ? { library } : undefined;
    }
    return undefined;
  }
  if (t.isMemberExpression(node) && t.isThisExpression(node.object) && t.isIdentifier(node.property)) {
    return libraryOfThisField(path as NodePath<t.MemberExpression>, node.property.name, ctx, depth);
  }
  // `sdk.client.upscale` / module namespace members are not followed further.
  if (t.isMemberExpression(node)) {
    const object = (path as NodePath<t.MemberExpression>).get('object');
    const ref = libraryOf(object as NodePath, ctx, depth + 1);
    // `axios.default`
    if (ref && t.isIdentifier(node.property, { name: 'default' })) return ref;
    // `import * as novita from 'novita-sdk'` then `new novita.NovitaSDK(key)` / `novita.upscale`
    if (ref?.library === 'novita-sdk' && !ref.sdkInstance && !node.computed && t.isIdentifier(node.property)) return { library: 'novita-sdk', importedName: node.property.name };
  }
  return undefined;
}

/** Per class, the value expression of each `this.x` field (a class property, or `this.x = …` in a method). */
const CLASS_FIELDS = new WeakMap<t.Node, Map<string, NodePath>>();

function fieldsOf(classPath: NodePath<t.Class>): Map<string, NodePath> {
  let fields = CLASS_FIELDS.get(classPath.node);
  if (fields) return fields;
  fields = new Map();
  const found = fields;
  // Collected once per class: walking the class again for every `this.x.y()` is quadratic on bundles.
  classPath.get('body').get('body').forEach((member) => {
    if (member.isClassProperty() && t.isIdentifier(member.node.key) && member.node.value && !found.has(member.node.key.name)) {
      found.set(member.node.key.name, member.get('value') as NodePath);
    }
    if (member.isClassMethod()) {
      member.traverse({
        AssignmentExpression(a) {
          const left = a.node.left;
          if (t.isMemberExpression(left) && t.isThisExpression(left.object) && t.isIdentifier(left.property) && !found.has(left.property.name)) found.set(left.property.name, a.get('right'));
        },
      });
    }
  });
  CLASS_FIELDS.set(classPath.node, fields);
  return fields;
}

/** `this.sdk` where the class sets `sdk = new NovitaSDK(key)` or `this.sdk = …` in a method. */
function libraryOfThisField(path: NodePath<t.MemberExpression>, field: string, ctx: EvalContext, depth: number): LibraryRef | undefined {
  const classPath = path.findParent((p) => p.isClass()) as NodePath<t.Class> | null;
  if (!classPath) return undefined;
  const value = fieldsOf(classPath).get(field);
  return value ? libraryOfExpression(value, ctx, depth + 1) : undefined;
}

/** The base URL of an instance config (`baseURL` for axios, `prefixUrl` for ky/got). */
export function instanceBase(ref: LibraryRef, ctx: EvalContext): NodePath | undefined {
  if (!ref.instanceConfig) return undefined;
  return findObjectProperty(ref.instanceConfig, ref.library === 'axios' ? 'baseURL' : 'prefixUrl', ctx);
}
