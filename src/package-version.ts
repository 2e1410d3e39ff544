import { readFileSync } from 'node:fs';

/** The package version, read from package.json next to dist/ (from dist/src/, dist/src/bundle/, or src/ under vitest). */
export function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'novita-migrate' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
