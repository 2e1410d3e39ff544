/** What `npm pack` ships, and that installing the package runs nothing. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { license: string; scripts: Record<string, string>; bin: Record<string, string> };

describe('the npm package', { timeout: 120_000 }, () => {
  it('has no install scripts (npm 11 warns about them under allowScripts), and `npm test` still builds first', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.test).toMatch(/npm run build && vitest run$/);
  });

  it('ships the MIT LICENSE, the built code with its sources (the source maps resolve), and no build scripts', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = new Set((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    expect(pkg.license).toBe('MIT');
    expect(files.has('LICENSE')).toBe(true);
    expect(readFileSync(new URL('../../LICENSE', import.meta.url), 'utf8')).toMatch(/^MIT License\n/);
    expect(files.has(Object.values(pkg.bin)[0]!.replace(/^\.\//, ''))).toBe(true);
    expect([...files].filter((f) => f.startsWith('dist/scripts/') || f.startsWith('test/') || f.startsWith('__fixtures__/'))).toEqual([]);
    const maps = [...files].filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(10);
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(new URL(`../../${map}`, import.meta.url), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        const shipped = new URL(source, new URL(`file:///pkg/${map}`)).pathname.slice('/pkg/'.length);
        expect(files.has(shipped), `${map} -> ${shipped}`).toBe(true);
      }
    }
  });
});
