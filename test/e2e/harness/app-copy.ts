/**
 * A runnable copy of an app tree for Node 20 (which cannot run TypeScript):
 * every file is copied byte for byte, except `.ts`/`.mts`/`.cts`, which are
 * transpiled one by one (ts.transpileModule, as a TS build would) to
 * `.js`/`.mjs`/`.cjs` with their relative import specifiers pointed at the
 * emitted files (`'../config'` -> `'../config/index.js'`). `.tsx` UI files are
 * copied as they are, not made runnable. `node_modules` links the repo's
 * packages (the real client libraries) and `novita-migrate` itself (fixed
 * code imports `novita-migrate/shim`).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** Source extension -> emitted extension. */
const EMIT_EXT: Record<string, string> = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs' };
/** What an extensionless relative specifier may name, in the order a bundler tries. */
const PROBES: readonly [string, string][] = [
  ['.ts', '.js'],
  ['.js', '.js'],
  ['.mts', '.mjs'],
  ['.mjs', '.mjs'],
  ['.cts', '.cjs'],
  ['.cjs', '.cjs'],
  ['/index.ts', '/index.js'],
  ['/index.js', '/index.js'],
];

export interface AppCopyOptions {
  /** Parent of the copy. Default: the OS temp dir. */
  parentDir?: string;
}

/** Copies `srcDir` to a new temp dir (returned; the caller removes it) and makes it runnable. */
export function prepareAppCopy(srcDir: string, options: AppCopyOptions = {}): string {
  const root = resolve(srcDir);
  const dest = mkdtempSync(join(options.parentDir ?? tmpdir(), 'novita-e2e-app-'));
  const esmPackage = packageType(root) === 'module';
  copyTree(root, root, dest, esmPackage);
  linkNodeModules(root, dest);
  return dest;
}

function copyTree(root: string, dir: string, dest: string, esmPackage: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, entry.name);
    const to = join(dest, relative(root, from));
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      mkdirSync(to, { recursive: true });
      copyTree(root, from, dest, esmPackage);
      continue;
    }
    if (!entry.isFile()) continue;
    const ext = tsExtension(entry.name);
    if (!ext) {
      copyFileSync(from, to);
      continue;
    }
    const emitted = to.slice(0, -ext.length) + EMIT_EXT[ext]!;
    writeFileSync(emitted, transpile(from, ext === '.mts' || (ext === '.ts' && esmPackage)));
  }
}

/** `.ts`, `.mts` or `.cts`, but not a declaration file. */
function tsExtension(name: string): string | undefined {
  if (/\.d\.[mc]?ts$/.test(name)) return undefined;
  return Object.keys(EMIT_EXT).find((ext) => name.endsWith(ext));
}

function transpile(file: string, esm: boolean): string {
  const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
    transformers: { before: [specifierRewriter(dirname(file))] },
  });
  const errors = (diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    throw new Error(`cannot transpile ${file}: ${ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n')}`);
  }
  return outputText;
}

/** Points relative import/export/import()/require() specifiers at the files the copy will hold. */
function specifierRewriter(fromDir: string): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    let source: ts.SourceFile;
    const rewrite = (lit: ts.StringLiteral): ts.StringLiteral => {
      const next = emittedSpecifier(fromDir, lit.text);
      // Keeps the file's quote style.
      return next === lit.text ? lit : f.createStringLiteral(next, source.text[lit.getStart(source)] === "'");
    };
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        return f.updateImportDeclaration(node, node.modifiers, node.importClause, rewrite(node.moduleSpecifier), node.attributes);
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, rewrite(node.moduleSpecifier), node.attributes);
      }
      if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0]!)) {
        const callee = node.expression;
        const isLoad = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
        if (isLoad) {
          const [first, ...rest] = node.arguments;
          return f.updateCallExpression(node, callee, node.typeArguments, [rewrite(first as ts.StringLiteral), ...rest]);
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sourceFile) => {
      source = sourceFile;
      return ts.visitEachChild(sourceFile, visit, context);
    };
  };
}

function emittedSpecifier(fromDir: string, spec: string): string {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return spec;
  const tsExt = Object.keys(EMIT_EXT).find((ext) => spec.endsWith(ext));
  if (tsExt) return spec.slice(0, -tsExt.length) + EMIT_EXT[tsExt]!;
  const target = resolve(fromDir, spec);
  if (existsSync(target) && statSync(target).isFile()) return spec;
  const probe = PROBES.find(([suffix]) => existsSync(target + suffix));
  return probe ? spec.replace(/\/+$/, '') + probe[1] : spec;
}

function packageType(dir: string): string | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'type' in parsed && typeof parsed.type === 'string' ? parsed.type : undefined;
}

/** The app's own packages first (if it has any), then the repo's, then novita-migrate itself. */
function linkNodeModules(appRoot: string, dest: string): void {
  const modules = join(dest, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const linked = new Set<string>();
  for (const source of [join(appRoot, 'node_modules'), join(REPO_ROOT, 'node_modules')]) {
    if (!existsSync(source)) continue;
    for (const name of readdirSync(source)) {
      if (name.startsWith('.') || linked.has(name)) continue;
      symlinkSync(join(source, name), join(modules, name), 'dir');
      linked.add(name);
    }
  }
  if (!linked.has('novita-migrate')) symlinkSync(REPO_ROOT, join(modules, 'novita-migrate'), 'dir');
  // The runtime package fixed code imports (built into packages/shim by `npm run build`).
  if (!linked.has('novita-migrate-shim')) symlinkSync(join(REPO_ROOT, 'packages', 'shim'), join(modules, 'novita-migrate-shim'), 'dir');
}
