/**
 * Fixed code that goes through the shim imports `novita-migrate-shim` at run
 * time: it belongs in the app's `dependencies` (not devDependencies, where
 * the linter lives). Added to the nearest package.json, in its own indent.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { findUp } from '../engine/find-up.js';
import writeFileAtomic from 'write-file-atomic';
import { SHIM_RUNTIME_PACKAGE } from '../spec/shim-runtime.js';
import { packageVersion } from '../package-version.js';

export interface DependencyChange {
  /** The package.json changed (or that would be), or undefined when none was found. */
  packageJson?: string;
  /** What was done, for the summary. */
  action: 'added' | 'present' | 'install-by-hand';
  /** The command to run (`npm install novita-migrate-shim@^x`). */
  command: string;
}

export function addRuntimeDependency(file: string, dry: boolean): DependencyChange {
  const range = `^${packageVersion()}`;
  const command = `npm install ${SHIM_RUNTIME_PACKAGE}@${range}`;
  const pkgFile = findUp(dirname(file), 'package.json');
  if (!pkgFile) return { action: 'install-by-hand', command };
  const text = readFileSync(pkgFile, 'utf8');
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { packageJson: pkgFile, action: 'install-by-hand', command };
  }
  const deps = (pkg.dependencies ?? {}) as Record<string, string>;
  if (deps[SHIM_RUNTIME_PACKAGE]) return { packageJson: pkgFile, action: 'present', command };
  pkg.dependencies = Object.fromEntries(Object.entries({ ...deps, [SHIM_RUNTIME_PACKAGE]: range }).sort(([a], [b]) => a.localeCompare(b)));
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = JSON.stringify(pkg, null, indent).replaceAll('\n', eol) + (text.endsWith('\n') ? eol : '');
  if (!dry) writeFileAtomic.sync(pkgFile, out);
  return { packageJson: pkgFile, action: 'added', command };
}
