/**
 * What fixed code depends on installs alone: `npm pack` of packages/shim
 * (built by `npm run build`) installed into a fresh directory brings sharp
 * and nothing of the linter's toolchain, imports, and runs an upscale.
 * Prints the install size and package count.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('../../../packages/shim/', import.meta.url));
const LINTER_TOOLCHAIN = ['typescript', '@babel/parser', '@babel/traverse', '@babel/types', 'jscodeshift', 'ts-morph', 'yargs', 'recast'];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 240_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function installedPackages(nodeModules: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const sub of readdirSync(join(nodeModules, entry))) names.push(`${entry}/${sub}`);
    else names.push(entry);
  }
  return names;
}

function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, e) => sum + sizeOf(join(path, e)), 0);
}

describe('novita-migrate-shim as an app installs it', () => {
  it('packs, installs without the linter toolchain, imports and runs an upscale', { timeout: 300_000 }, () => {
    expect(existsSync(join(PACKAGE_DIR, 'dist/shim/index.js')), 'run `npm run build` first').toBe(true);
    const app = mkdtempSync(join(tmpdir(), 'novita-shim-app-'));
    try {
      const tarball = run('npm', ['pack', '--silent', '--pack-destination', app], PACKAGE_DIR).trim().split('\n').pop()!;
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fixed-app', version: '1.0.0', private: true, type: 'module' }));
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], app);
      const nodeModules = join(app, 'node_modules');
      const packages = installedPackages(nodeModules);
      for (const name of LINTER_TOOLCHAIN) expect(packages, name).not.toContain(name);
      expect(packages.filter((p) => p.startsWith('@babel/'))).toEqual([]);
      expect(packages).toContain('sharp');
      const mb = sizeOf(nodeModules) / 1024 / 1024;
      console.log(`novita-migrate-shim install: ${packages.length} packages, ${mb.toFixed(1)} MB in node_modules (${packages.join(', ')})`);

      const script = `
        import sharp from 'sharp';
        import { upscaleV2 } from 'novita-migrate-shim';
        import { upscale } from 'novita-migrate-shim/novita-sdk';
        const image = (await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } }).png().toBuffer()).toString('base64');
        const up = await (await upscaleV2('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'Lanczos', upscaling_resize: 2 }) })).json();
        let p;
        do p = await (await upscaleV2('https://api.novita.ai/v2/progress?task_id=' + up.data.task_id)).json(); while (p.data.status < 2);
        const png = Buffer.from(await (await fetch(p.data.imgs[0])).arrayBuffer());
        const meta = await sharp(png).metadata();
        console.log(JSON.stringify({ code: up.code, status: p.data.status, size: [meta.width, meta.height], sdk: typeof upscale }));`;
      const out = run(process.execPath, ['--input-type=module', '-e', script], app, { ...process.env, NOVITA_API_KEY: '', NOVITA_MIGRATE_BACKEND: 'local' });
      expect(JSON.parse(out)).toEqual({ code: 0, status: 2, size: [16, 16], sdk: 'function' });
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});

describe('novita-migrate-shim package.json and sources', () => {
  const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
  const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as { version: string; dependencies: Record<string, string> };

  it('has the root version and only sharp, at the root’s exact version', () => {
    const root = read(join(ROOT, 'package.json'));
    const shim = read(join(PACKAGE_DIR, 'package.json'));
    expect(shim.version).toBe(root.version);
    expect(shim.dependencies).toEqual({ sharp: root.dependencies.sharp });
  });

  it('imports nothing from engine/rules/cli/transforms and no linter dependency', () => {
    const files = (readdirSync(join(ROOT, 'src/shim'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const bad: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(join(ROOT, 'src/shim', f), 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
        const spec = m[1]!;
        // bullmq/ioredis: only `shim serve --store redis://…` needs them; they load on demand (optional peers).
        const optional = /^(bullmq|ioredis)$/.test(spec) && (m[0].startsWith('import(') || /import type [^;]*$/.test(readFileSync(join(ROOT, 'src/shim', f), 'utf8').slice(0, m.index! + m[0].length).split('\n').pop() ?? ''));
        const ok = optional || (spec.startsWith('.') ? !/\/(engine|rules|cli|lint|report|fix|eslint-plugin)\//.test(spec) && !spec.includes('transforms/') : /^(node:|sharp$|axios$|undici$|novita-sdk$)/.test(spec));
        if (!ok) bad.push(`${f}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
