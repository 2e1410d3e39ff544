import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('package exports (as a user imports them, built)', () => {
  it('resolve novita-migrate, novita-migrate/shim and novita-migrate/eslint-plugin', () => {
    const script = `
      const api = await import('novita-migrate');
      const shim = await import('novita-migrate/shim');
      const plugin = (await import('novita-migrate/eslint-plugin')).default;
      console.log(JSON.stringify({
        lintText: typeof api.lintText, rules: api.RULES.length,
        shim: [typeof shim.createV2Client, typeof shim.upscaleV2, typeof shim.createAxiosAdapter, typeof shim.startShimServer, typeof shim.installFetchShim],
        plugin: Object.keys(plugin.rules), recommended: Object.keys(plugin.configs.recommended.rules),
      }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      lintText: 'function',
      rules: 6,
      shim: ['function', 'function', 'function', 'function', 'function'],
      plugin: ['no-v2-upscale', 'no-v2-progress', 'v2-param', 'v2-upscaler-name', 'v2-response-shape', 'v2-read-on-v3'],
      recommended: ['novita-migrate/no-v2-upscale', 'novita-migrate/no-v2-progress', 'novita-migrate/v2-param', 'novita-migrate/v2-upscaler-name', 'novita-migrate/v2-response-shape', 'novita-migrate/v2-read-on-v3'],
    });
  });
});
