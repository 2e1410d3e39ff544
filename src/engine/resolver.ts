/**
 * Cross-file constant resolution: `import { API_BASE } from './config'`,
 * re-exports through an index file, `export *`, default exports and simple
 * CommonJS exports. Relative specifiers are resolved here with a cheap file
 * lookup and our own parser; bare specifiers (tsconfig `paths`/`baseUrl`
 * aliases) fall back to TypeScript's module resolution through ts-morph,
 * loaded only when such an import is met.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { findUp } from './find-up.js';
import * as t from '@babel/types';
import { programPathOf, type NodePath } from './babel-traverse.js';
import { parseSource } from './parse.js';
import { evaluate, fileOfProgram, findObjectProperty, registerProgramFile, UNKNOWN, type SValue } from './static-value.js';

export interface CrossFileResolver {
  /** The static value of an imported binding (`UNKNOWN` when it cannot be known). */
  resolveExport(fromFile: string, specifier: string, exportName: string, depth: number): SValue;
  /** The expression an import stands for, in its own file's AST (to tell an imported `axios.create(…)` instance). */
  resolveExportPath?(fromFile: string, specifier: string, exportName: string, depth: number): NodePath | undefined;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_CACHED_PROGRAMS = 2000;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function resolveRelativeModule(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base];
  // TS sources import './x.js' meaning './x.ts'.
  const jsExt = /\.(c|m)?js$/.exec(base);
  if (jsExt) candidates.push(base.replace(/\.(c|m)?js$/, `.${jsExt[1] ?? ''}ts`), base.replace(/\.js$/, '.tsx'));
  for (const ext of EXTENSIONS) candidates.push(base + ext);
  for (const ext of EXTENSIONS) candidates.push(join(base, `index${ext}`));
  return candidates.find(isFile);
}

interface TsModuleResolution {
  resolve(fromFile: string, specifier: string): string | undefined;
}

/** TypeScript's own resolution (paths, baseUrl), through ts-morph, loaded on first use. */
function createTsResolution(): TsModuleResolution {
  const require = createRequire(import.meta.url);
  type TsMorph = typeof import('ts-morph');
  let tsMorph: TsMorph | undefined;
  const optionsByConfig = new Map<string, import('ts-morph').ts.CompilerOptions | undefined>();
  const findConfig = (fromFile: string): string | undefined => findUp(dirname(fromFile), 'tsconfig.json');
  return {
    resolve(fromFile, specifier) {
      const config = findConfig(fromFile);
      if (!config) return undefined;
      // Without `paths`/`baseUrl` (here or in a config it extends) a bare specifier is a package: no ts-morph needed.
      if (!optionsByConfig.has(config) && !/"(?:paths|baseUrl|extends)"/.test(readFileSync(config, 'utf8'))) optionsByConfig.set(config, undefined);
      if (optionsByConfig.has(config) && !optionsByConfig.get(config)) return undefined;
      tsMorph ??= require('ts-morph') as TsMorph;
      const ts = tsMorph.ts;
      if (!optionsByConfig.has(config)) {
        try {
          const project = new tsMorph.Project({ tsConfigFilePath: config, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
          optionsByConfig.set(config, project.getCompilerOptions());
        } catch {
          optionsByConfig.set(config, undefined);
        }
      }
      const options = optionsByConfig.get(config);
      if (!options) return undefined;
      const result = ts.resolveModuleName(specifier, fromFile, { ...options, allowJs: true }, ts.sys);
      const file = result.resolvedModule?.resolvedFileName;
      return file && !result.resolvedModule?.isExternalLibraryImport && !file.endsWith('.d.ts') ? file : undefined;
    },
  };
}

export interface CrossFileResolverOptions {
  /** The project root; module lookups never leave it (default: the filesystem root). */
  rootDir?: string;
}

export function createCrossFileResolver(options: CrossFileResolverOptions = {}): CrossFileResolver {
  const rootDir = options.rootDir ? resolve(options.rootDir) : undefined;
  const insideRoot = (file: string): boolean => !rootDir || file === rootDir || file.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep);
  const programs = new Map<string, NodePath<t.Program> | null>();
  let tsResolution: TsModuleResolution | undefined;

  const programOf = (file: string): NodePath<t.Program> | null => {
    if (programs.has(file)) return programs.get(file)!;
    let program: NodePath<t.Program> | null = null;
    try {
      if (statSync(file).size <= MAX_FILE_BYTES) {
        const parsed = parseSource(readFileSync(file, 'utf8'), file);
        if (parsed.ok) {
          program = programPathOf(parsed.ast);
          registerProgramFile(program.node, file);
        }
      }
    } catch {
      program = null;
    }
    // Keep memory flat on huge trees: the cache only has to span the imports of neighbouring files.
    if (programs.size >= MAX_CACHED_PROGRAMS) programs.clear();
    programs.set(file, program);
    return program;
  };

  const locate = (fromFile: string, specifier: string): string | undefined => {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return resolveRelativeModule(fromFile, specifier);
    if (specifier.startsWith('node:') || !/^[@~#\w]/.test(specifier)) return undefined;
    tsResolution ??= createTsResolution();
    try {
      return tsResolution.resolve(fromFile, specifier);
    } catch {
      return undefined;
    }
  };

  const resolveExportPath = (fromFile: string, specifier: string, exportName: string, depth: number): NodePath | undefined => {
    if (depth > 20) return undefined;
    const file = locate(fromFile, specifier);
    if (!file || !insideRoot(file)) return undefined;
    const program = programOf(file);
    if (!program) return undefined;
    return findExport(program, file, exportName, depth + 1, resolver);
  };

  const resolver: CrossFileResolver = {
    resolveExport(fromFile, specifier, exportName, depth) {
      const path = resolveExportPath(fromFile, specifier, exportName, depth);
      if (!path) return UNKNOWN;
      const file = fileOfProgram(path) ?? fromFile;
      return evaluate(path, { filePath: file, resolver, depth: depth + 1 });
    },
    resolveExportPath,
  };
  return resolver;
}

/** The expression an export stands for (in its own file): `export const X = <here>`, re-exports followed. */
function findExport(program: NodePath<t.Program>, file: string, name: string, depth: number, resolver: CrossFileResolver): NodePath | undefined {
  const ctx = { filePath: file, resolver, depth };
  for (const stmt of program.get('body')) {
    if (stmt.isExportNamedDeclaration()) {
      const decl = stmt.get('declaration');
      if (decl.isVariableDeclaration()) {
        for (const d of decl.get('declarations')) {
          if (t.isIdentifier(d.node.id) && d.node.id.name === name && d.node.init) return d.get('init') as NodePath;
        }
      }
      for (const spec of stmt.get('specifiers')) {
        if (!spec.isExportSpecifier()) continue;
        const exported = spec.node.exported;
        const exportedName = t.isIdentifier(exported) ? exported.name : exported.value;
        if (exportedName !== name) continue;
        const local = spec.node.local.name;
        if (stmt.node.source) return resolver.resolveExportPath?.(file, stmt.node.source.value, local, depth);
        return spec.get('local') as NodePath;
      }
    } else if (stmt.isExportDefaultDeclaration() && name === 'default') {
      return stmt.get('declaration') as NodePath;
    } else if (stmt.isExportAllDeclaration()) {
      const v = resolver.resolveExportPath?.(file, stmt.node.source.value, name, depth);
      if (v) return v;
    } else if (stmt.isExpressionStatement()) {
      const v = commonJsExport(stmt.get('expression'), name, ctx);
      if (v) return v;
    }
  }
  return undefined;
}

/** `module.exports = { NAME }`, `module.exports.NAME = …`, `exports.NAME = …`. */
function commonJsExport(expr: NodePath, name: string, ctx: { filePath: string; resolver: CrossFileResolver; depth: number }): NodePath | undefined {
  if (!expr.isAssignmentExpression() || expr.node.operator !== '=') return undefined;
  const left = expr.node.left;
  const isModuleExports = (n: t.Node): boolean =>
    t.isMemberExpression(n) && t.isIdentifier(n.object, { name: 'module' }) && t.isIdentifier(n.property, { name: 'exports' });
  if (isModuleExports(left)) {
    if (name === 'default') return expr.get('right');
    const right = evaluate(expr.get('right'), ctx);
    return right.kind === 'object' ? findObjectProperty(right.path, name, ctx) : undefined;
  }
  if (t.isMemberExpression(left) && t.isIdentifier(left.property, { name }) && (t.isIdentifier(left.object, { name: 'exports' }) || isModuleExports(left.object))) {
    return expr.get('right');
  }
  return undefined;
}
