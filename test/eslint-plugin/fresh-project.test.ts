import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { lintText } from '../../src/rules/lint-text.js';

const require = createRequire(import.meta.url);
const BUILT_PLUGIN = fileURLToPath(new URL('../../dist/src/eslint-plugin/index.js', import.meta.url));
const SAMPLE_APP = fileURLToPath(new URL('../../__fixtures__/sample-app', import.meta.url));

describe('the ESLint plugin in a fresh project', () => {
  it('reports the sample app through an ordinary eslint.config.js (JS default parser, TS via @typescript-eslint/parser)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nm-eslint-'));
    cpSync(SAMPLE_APP, dir, { recursive: true });
    writeFileSync(
      join(dir, 'eslint.config.js'),
      `import novitaMigrate from ${JSON.stringify(pathToFileURL(BUILT_PLUGIN).href)};
import tsParser from ${JSON.stringify(pathToFileURL(require.resolve('@typescript-eslint/parser')).href)};
export default [
  novitaMigrate.configs.recommended,
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.tsx', '**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
];
`,
    );
    const eslint = new ESLint({ cwd: dir });
    const results = await eslint.lintFiles(['src/**/*.{js,mjs,cjs,ts,tsx}']);
    const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal));
    expect(fatal).toEqual([]);
    // Same findings as the CLI's engine, file by file: same ids, places and messages.
    const resolver = createCrossFileResolver();
    let total = 0;
    for (const r of results) {
      const fromEslint = r.messages.map((m) => [m.ruleId!.replace('novita-migrate/', ''), m.line, m.column, m.message]);
      const fromEngine = lintText(readFileSync(r.filePath, 'utf8'), r.filePath, { resolver }).messages.map((m) => [m.ruleId, m.line, m.column, m.message]);
      expect(fromEslint, r.filePath).toEqual(fromEngine);
      total += fromEslint.length;
    }
    expect(total).toBeGreaterThan(30);
    expect(results.some((r) => r.messages.some((m) => m.ruleId === 'novita-migrate/no-v2-upscale'))).toBe(true);
    expect(results.find((r) => r.filePath.endsWith('routes.ts'))!.messages).toEqual([]);
  });
});
