/**
 * A second, AST-level look before the full analysis: can this file hold a
 * V2 (or V3) call site at all? The byte prefilter lets in every file that
 * says `progress` or `upscale` anywhere and imports something, so progress
 * bars (`setProgress(…)`, `bar.progress = …`), comments and other services'
 * full URLs reach the parser. Babel's scope crawl and traversal cost ~4x the
 * parse and most of the garbage; a file with no evidence skips them and gets
 * the empty analysis the full one would have given it.
 *
 * Evidence (any one is enough; anything unfamiliar counts too, so this only
 * ever errs towards the full analysis):
 * - a string or template part naming an endpoint (`upscale`, `progress`,
 *   `task-result`, any case), unless it is a complete URL on a host that is
 *   not Novita's: such a URL can never be a Novita call;
 * - an identifier naming one (SDK methods and imports, `UPSCALE_URL`,
 *   `ENDPOINTS.progress`), except where a name is only declared or written:
 *   a function's or method's own name, a member assigned to (`bar.progress =`);
 * - a value from another module (an import or `require`) used as anything but
 *   the callee of a call: the static evaluator can carry it into a URL.
 */
import { VISITOR_KEYS } from '@babel/types';
import type * as t from '@babel/types';
import { isNovitaHost } from '../spec/endpoints.js';
import { ENDPOINT_NAME, NOVITA_NAME } from './prefilter.js';

const FULL_URL = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)[/?#]/i;

/** A literal naming an endpoint, unless it is wholly another service's URL. */
function stringNamesEndpoint(text: string): boolean {
  if (!ENDPOINT_NAME.test(text)) return false;
  if (NOVITA_NAME.test(text)) return true;
  const host = FULL_URL.exec(text)?.[1];
  return host === undefined || host.includes('$') || isNovitaHost(host.replace(/:\d+$/, ''));
}

/** A template literal whose first part already fixes a foreign host (`https://mj.example.net/${p}/upscale`). */
function isForeignUrlTemplate(node: t.TemplateLiteral): boolean {
  const head = node.quasis[0]?.value.cooked ?? node.quasis[0]?.value.raw ?? '';
  const host = FULL_URL.exec(head)?.[1];
  if (host === undefined || isNovitaHost(host.replace(/:\d+$/, ''))) return false;
  return !node.quasis.some((q) => NOVITA_NAME.test(q.value.raw));
}

type Node = t.Node & Record<string, unknown>;
interface Visit {
  node: Node;
  /** The key under which the parent holds this node. */
  key: string;
  up: Visit | undefined;
}

/** Where an identifier names something without reading a value (property keys, labels, specifier names). */
function isNameOnly(parent: Node | undefined, key: string): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
    case 'JSXMemberExpression':
      return key === 'property' && !parent.computed;
    case 'ObjectProperty':
    case 'ObjectMethod':
    case 'ClassProperty':
    case 'ClassMethod':
    case 'ClassAccessorProperty':
    case 'TSDeclareMethod':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
      return key === 'key' && !parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return key === 'label';
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return true;
    case 'ExportSpecifier':
      return key === 'exported';
    case 'MetaProperty':
      return true;
    default:
      return false;
  }
}

/** A mention of an endpoint word that only declares or writes a name: no call can take its value from here. */
function isDeclarationOrWrite(key: string, parentVisit: Visit | undefined): boolean {
  const parent = parentVisit?.node;
  if (!parent) return false;
  if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression') && key === 'id') return true;
  if ((parent.type === 'ClassMethod' || parent.type === 'ObjectMethod' || parent.type === 'ClassPrivateMethod' || parent.type === 'TSDeclareMethod') && key === 'key' && !parent.computed) return true;
  // `bar.progress = 0.5`, `bar.progress++`: the member is written, not read.
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && key === 'property' && !parent.computed) {
    const grand = parentVisit.up?.node;
    if (grand?.type === 'AssignmentExpression' && parentVisit.key === 'left' && grand.operator === '=') return true;
    if (grand?.type === 'UpdateExpression') return true;
  }
  return false;
}

/** `require('x')`, `import('x')`, possibly awaited or with a member read (`require('x').y`). */
function isModuleLoad(node: Node): boolean {
  let n: Node = node;
  for (;;) {
    if (n.type === 'AwaitExpression') n = n.argument as Node;
    else if (n.type === 'MemberExpression' && !n.computed) n = n.object as Node;
    else break;
  }
  return isModuleLoadCall(n);
}

function isModuleLoadCall(n: Node): boolean {
  if (n.type !== 'CallExpression') return false;
  const callee = n.callee as Node;
  return callee.type === 'Import' || (callee.type === 'Identifier' && callee.name === 'require');
}

/** `require('dotenv/config');`, `require('dotenv').config()`: loaded for its effect, its value goes nowhere. */
function isLoadedForEffect(visit: Visit): boolean {
  const parent = visit.up?.node;
  if (parent?.type === 'ExpressionStatement') return true;
  const grand = visit.up?.up;
  return parent?.type === 'MemberExpression' && visit.key === 'object' && grand !== undefined && grand.node.type === 'CallExpression' && grand.key !== 'arguments' && visit.up!.key === 'callee';
}

function patternNames(node: t.Node, into: Set<string>): void {
  const stack: t.Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'Identifier':
        into.add(n.name);
        break;
      case 'ObjectPattern':
        for (const p of n.properties) stack.push(p.type === 'RestElement' ? p.argument : p.value);
        break;
      case 'ArrayPattern':
        for (const e of n.elements) if (e) stack.push(e);
        break;
      case 'AssignmentPattern':
        stack.push(n.left);
        break;
      case 'RestElement':
        stack.push(n.argument);
        break;
      default:
        break;
    }
  }
}

/** Type-only subtrees: no value flows through them. */
const TYPE_ONLY = new Set(['TSTypeAnnotation', 'TSTypeParameterInstantiation', 'TSTypeParameterDeclaration', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TypeAnnotation', 'TypeAlias', 'InterfaceDeclaration']);

const CALLS = new Set(['CallExpression', 'OptionalCallExpression', 'NewExpression']);

/** What one top-level statement says, as far as call sites go. */
interface StatementFacts {
  /** A string or name in it that names an endpoint (or a shape this walk does not know). */
  mentions: boolean;
  /** Names it reads (by name, scopes ignored: a shadowed name only makes it look related to more). */
  reads: Set<string>;
  /** Of those, names read as values, not only called. */
  valueReads: Set<string>;
}

/** Walk one statement (or a whole file) once; `imported` collects the names `require` declarations bind. */
function scan(root: Node, imported: Set<string>): StatementFacts {
  const facts: StatementFacts = { mentions: false, reads: new Set(), valueReads: new Set() };
  const stack: Visit[] = [{ node: root, key: '', up: undefined }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { node, key } = visit;
    const parent = visit.up?.node;
    const keys = VISITOR_KEYS[node.type];
    // An AST shape this walk does not know (another parser's nodes): assume the worst.
    if (!keys) {
      facts.mentions = true;
      return facts;
    }
    switch (node.type) {
      case 'StringLiteral':
      case 'DirectiveLiteral':
        if (stringNamesEndpoint(node.value as string)) facts.mentions = true;
        break;
      case 'TemplateLiteral': {
        const tl = node as unknown as t.TemplateLiteral;
        if (!isForeignUrlTemplate(tl) && tl.quasis.some((q) => stringNamesEndpoint(q.value.cooked ?? q.value.raw))) facts.mentions = true;
        break;
      }
      case 'Identifier': {
        const name = node.name as string;
        if (ENDPOINT_NAME.test(name) && !isDeclarationOrWrite(key, visit.up)) facts.mentions = true;
        if (!isNameOnly(parent, key)) {
          facts.reads.add(name);
          if (!(parent !== undefined && CALLS.has(parent.type) && key === 'callee')) facts.valueReads.add(name);
        }
        break;
      }
      case 'ImportDeclaration':
        for (const spec of (node as unknown as t.ImportDeclaration).specifiers) {
          if (ENDPOINT_NAME.test(spec.local.name)) facts.mentions = true;
          if (spec.type === 'ImportSpecifier' && spec.imported.type === 'Identifier' && ENDPOINT_NAME.test(spec.imported.name)) facts.mentions = true;
        }
        // The source string is a module path, not a URL.
        continue;
      case 'VariableDeclarator':
        if (node.init && isModuleLoad(node.init as Node)) {
          const names = new Set<string>();
          patternNames(node.id as t.Node, names);
          for (const n of names) {
            if (ENDPOINT_NAME.test(n)) facts.mentions = true;
            imported.add(n);
          }
          // `const { progress: poll } = require('novita-sdk')`: the key names the SDK function.
          if ((node.id as Node).type === 'ObjectPattern') {
            for (const prop of (node.id as unknown as t.ObjectPattern).properties) if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier' && ENDPOINT_NAME.test(prop.key.name)) facts.mentions = true;
          }
          // Nothing else to see in `require('x')`: its string is a module path.
          continue;
        }
        break;
      case 'CallExpression':
        // A module loaded anywhere else (`use(require('x'))`): its value may go anywhere.
        if (isModuleLoadCall(node) && !isLoadedForEffect(visit)) facts.mentions = true;
        break;
      case 'ImportExpression':
        facts.mentions = true;
        break;
      default:
        if (TYPE_ONLY.has(node.type)) continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const child = node[k] as Node | (Node | null)[] | null | undefined;
      if (!child) continue;
      if (Array.isArray(child)) {
        for (let j = child.length - 1; j >= 0; j--) {
          const c = child[j];
          if (c && typeof c.type === 'string') stack.push({ node: c, key: k, up: visit });
        }
      } else if (typeof child.type === 'string') {
        stack.push({ node: child, key: k, up: visit });
      }
    }
  }
  return facts;
}

/** Names a top-level statement declares in the module scope. */
function declaredNames(statement: t.Statement, into: Set<string>): void {
  let s: t.Node = statement;
  if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration;
  switch (s.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'TSEnumDeclaration':
    case 'TSDeclareFunction':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSImportEqualsDeclaration':
      if (s.id && s.id.type === 'Identifier') into.add(s.id.name);
      break;
    case 'TSModuleDeclaration':
      if (s.id.type === 'Identifier') into.add(s.id.name);
      break;
    case 'VariableDeclaration':
      for (const d of s.declarations) patternNames(d.id, into);
      break;
    case 'ImportDeclaration':
      for (const spec of s.specifiers) into.add(spec.local.name);
      break;
    default:
      break;
  }
}

function importedNames(program: t.Program): Set<string> {
  const names = new Set<string>();
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration') for (const spec of s.specifiers) names.add(spec.local.name);
    else if (s.type === 'TSImportEqualsDeclaration') names.add(s.id.name);
  }
  return names;
}

const isImport = (s: t.Statement): boolean => s.type === 'ImportDeclaration' || s.type === 'TSImportEqualsDeclaration';

const hasEvidence = (f: StatementFacts, imported: ReadonlySet<string>): boolean => f.mentions || [...f.valueReads].some((n) => imported.has(n));

/** False only when the file certainly holds no call site the analysis could find. */
export function mayHoldCallSite(ast: t.File): boolean {
  const imported = importedNames(ast.program);
  return hasEvidence(scan(ast as unknown as Node, imported), imported);
}

/**
 * The part of an ES module the analysis needs, or null when no call site is
 * possible. Kept: every import, each top-level statement with evidence, and,
 * until nothing changes, every statement declaring a name a kept one reads or
 * reading a name a kept one declares, so each binding keeps its declaration
 * and every reference (flows, escapes, private pollers see what they saw).
 * A 4 KB module of helpers with one call is analysed as the call's function.
 * The statements are the file's own nodes (positions unchanged) in a new
 * Program: fine for reading, never for editing, so fix does not use it.
 * Scripts and CommonJS files are analysed whole (their top-level names are
 * globals, and `require`/`module` usage anywhere decides their scope).
 */
export function focusOnCallSites(ast: t.File): t.File | null {
  const program = ast.program;
  if (program.sourceType !== 'module') return mayHoldCallSite(ast) ? ast : null;
  const imported = importedNames(program);
  const facts = program.body.map((s) => scan(s as unknown as Node, imported));
  const evidence = facts.map((f) => hasEvidence(f, imported));
  for (const d of program.directives) if (stringNamesEndpoint(d.value.value)) return ast;
  if (!evidence.includes(true)) return null;
  const declared = program.body.map((s) => {
    const names = new Set<string>();
    declaredNames(s, names);
    return names;
  });
  const byDeclared = new Map<string, number[]>();
  const byRead = new Map<string, number[]>();
  const index = (map: Map<string, number[]>, name: string, i: number): void => {
    const list = map.get(name);
    if (list) list.push(i);
    else map.set(name, [i]);
  };
  program.body.forEach((_, i) => {
    for (const n of declared[i]!) index(byDeclared, n, i);
    for (const n of facts[i]!.reads) index(byRead, n, i);
  });
  const keep = program.body.map((s, i) => evidence[i]! || isImport(s));
  const queue = keep.flatMap((k, i) => (k ? [i] : []));
  while (queue.length) {
    const i = queue.pop()!;
    // An import's other readers stay out: the analysis never walks an imported binding's references.
    const readers = isImport(program.body[i]!) ? [] : [...declared[i]!].flatMap((n) => byRead.get(n) ?? []);
    const related = [...[...facts[i]!.reads].flatMap((n) => byDeclared.get(n) ?? []), ...readers];
    for (const j of related) {
      if (keep[j]) continue;
      keep[j] = true;
      queue.push(j);
    }
  }
  if (keep.every(Boolean)) return ast;
  return { ...ast, program: { ...program, body: program.body.filter((_, i) => keep[i]) } };
}
