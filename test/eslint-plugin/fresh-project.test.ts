import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { lintText } from '../../src/lint/lint-text.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE_APP = join(ROOT, '__fixtures__/sample-app');

const TEST_CONFIG = `import novitaMigrate from 'novita-migrate/eslint-plugin';
import tsParser from '@typescript-eslint/parser';

export default [
  novitaMigrate.configs.recommended,
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.tsx', '**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
];
`;

/**
 * A new project as `npm install -D eslint @typescript-eslint/parser file:<this package>`
 * leaves it (npm links a file: dependency), with the README's eslint.config.js.
 */
function freshProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nm-eslint-'));
  cpSync(SAMPLE_APP, dir, { recursive: true });
  const link = (name: string, target: string): void => {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  };
  link('novita-migrate', ROOT);
  link('eslint', join(ROOT, 'node_modules/eslint'));
  link('@typescript-eslint/parser', join(ROOT, 'node_modules/@typescript-eslint/parser'));
  writeFileSync(join(dir, 'eslint.config.js'), TEST_CONFIG);
  return dir;
}

describe('the ESLint plugin in a fresh project', () => {
  it('`eslint src` with the plugin config reports the sample app, as the CLI does', { timeout: 120_000 }, () => {
    const dir = freshProject();
    const r = spawnSync(process.execPath, [join(dir, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'src'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // errors found
    const results = JSON.parse(r.stdout) as ESLint.LintResult[];
    expect(results.flatMap((x) => x.messages.filter((m) => m.fatal))).toEqual([]);
    // Same findings as the CLI's engine, file by file: same ids, places and messages.
    const resolver = createCrossFileResolver();
    let total = 0;
    for (const x of results) {
      // Endpoint messages end with what fix would do with the call (see fix.test.ts); the finding itself is the engine's.
      const endpoint = x.messages.filter((m) => /no-v2-(?:upscale|progress)$/.test(m.ruleId!));
      expect(endpoint.every((m) => / \[fix: .+\]$/.test(m.message) && m.messageId?.startsWith('fix')), x.filePath).toBe(true);
      const fromEslint = x.messages.map((m) => [m.ruleId!.replace('novita-migrate/', ''), m.line, m.column, m.message.replace(/ \[fix: .+\]$/, '')]);
      const fromEngine = lintText(readFileSync(x.filePath, 'utf8'), x.filePath, { resolver }).messages.map((m) => [m.ruleId, m.line, m.column, m.message]);
      expect(fromEslint, x.filePath).toEqual(fromEngine);
      total += fromEslint.length;
    }
    expect(total).toBeGreaterThan(30);
    expect(results.some((x) => x.messages.some((m) => m.ruleId === 'novita-migrate/no-v2-upscale' && m.severity === 2))).toBe(true);
    // A base URL imported from ../config resolves inside ESLint too.
    expect(results.find((x) => x.filePath.endsWith('axios-client.ts'))!.messages.map((m) => m.ruleId)).toContain('novita-migrate/no-v2-upscale');
    expect(results.find((x) => x.filePath.endsWith('routes.ts'))!.messages).toEqual([]);
  });

  it('the README\'s eslint.config.js, copied verbatim, gives no no-undef (fetch, process) and the same findings', { timeout: 120_000 }, () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const config = /```js\n(\/\/ eslint\.config\.js\n[\s\S]*?)```/.exec(readme)![1]!;
    expect(config).toContain("from 'globals'");
    const dir = freshProject();
    // What the README's imports need installed beside ESLint.
    for (const name of ['@eslint/js', 'globals']) {
      mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    }
    writeFileSync(join(dir, 'eslint.config.js'), config);
    const r = spawnSync(process.execPath, [join(dir, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'src'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as ESLint.LintResult[];
    const messages = results.flatMap((x) => x.messages);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'no-undef').map((m) => m.message)).toEqual([]);
    const ours = (rs: ESLint.LintResult[]) => rs.flatMap((x) => x.messages.filter((m) => m.ruleId?.startsWith('novita-migrate/')).map((m) => `${x.filePath.slice(dir.length)}:${m.line}:${m.column}:${m.ruleId}`));
    expect(ours(results).length).toBeGreaterThan(30);
    // The README config finds what the test config above finds.
    writeFileSync(join(dir, 'eslint.config.js'), TEST_CONFIG);
    const plain = spawnSync(process.execPath, [join(dir, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'src'], { cwd: dir, encoding: 'utf8' });
    expect(ours(results)).toEqual(ours(JSON.parse(plain.stdout) as ESLint.LintResult[]));
  });
});
