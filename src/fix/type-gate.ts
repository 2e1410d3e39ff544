/**
 * In a TypeScript project, a change that adds type errors is not written:
 * the changed file is type-checked before and after with the project's own
 * tsconfig (TypeScript via ts-morph, loaded only when a .ts file changes).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Project } from 'ts-morph';
import { findUp } from '../engine/find-up.js';
import { SHIM_RUNTIME_PACKAGE, SHIM_SDK_MODULE } from '../spec/shim-runtime.js';

export interface TypeGate {
  /** Why the output may not be written, or undefined. */
  check(file: string, before: string, after: string): string | undefined;
  dispose(): void;
}

const TS_FILE = /\.(?:c|m)?tsx?$/;

/** The shim runtime's declarations, shipped with this package (dist/src/shim). */
const SHIM_TYPES = {
  main: fileURLToPath(new URL('../shim/index.d.ts', import.meta.url)),
  sdk: fileURLToPath(new URL('../shim/novita-sdk.d.ts', import.meta.url)),
};

/** A tsconfig.json up to the package root (a package without one is not a TypeScript project). */
function nearestTsconfig(file: string): string | undefined {
  return findUp(dirname(file), 'tsconfig.json', { stopAfter: (dir) => existsSync(join(dir, 'package.json')) });
}

export function createTypeGate(): TypeGate {
  const projects = new Map<string, Project>();
  const require = createRequire(import.meta.url);

  function projectFor(tsconfig: string): Project {
    let project = projects.get(tsconfig);
    if (!project) {
      const { Project: ProjectClass } = require('ts-morph') as typeof import('ts-morph');
      const configured = new ProjectClass({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true }).getCompilerOptions();
      // The runtime fix adds to `dependencies` is not installed yet: check the fixed code against its real types.
      const paths = { ...(configured.paths ?? {}), [SHIM_RUNTIME_PACKAGE]: [SHIM_TYPES.main], [SHIM_SDK_MODULE]: [SHIM_TYPES.sdk] };
      project = new ProjectClass({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: false, compilerOptions: { skipLibCheck: true, noEmit: true, paths } });
      projects.set(tsconfig, project);
    }
    return project;
  }

  function diagnostics(project: Project, file: string, text: string): string[] {
    const sf = project.getSourceFile(file) ?? project.addSourceFileAtPath(file);
    sf.replaceWithText(text);
    return sf.getPreEmitDiagnostics().map((d) => {
      const message = d.getMessageText();
      return `TS${d.getCode()}: ${typeof message === 'string' ? message : message.getMessageText()}`;
    });
  }

  return {
    check(file, before, after) {
      if (!TS_FILE.test(file)) return undefined;
      const tsconfig = nearestTsconfig(file);
      if (!tsconfig) return undefined;
      const project = projectFor(tsconfig);
      const old = diagnostics(project, file, before.replace(/^\uFEFF/, ''));
      const now = diagnostics(project, file, after.replace(/^\uFEFF/, ''));
      diagnostics(project, file, before.replace(/^\uFEFF/, ''));
      const remaining = [...old];
      const added = now.filter((d) => {
        const i = remaining.indexOf(d);
        if (i >= 0) {
          remaining.splice(i, 1);
          return false;
        }
        return true;
      });
      if (added.length === 0) return undefined;
      return `the change would add ${added.length} type error${added.length === 1 ? '' : 's'} (${added[0]}); not written`;
    },
    dispose() {
      projects.clear();
    },
  };
}
