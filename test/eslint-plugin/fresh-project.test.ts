import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

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
    const byRule = new Map<string, number>();
    for (const r of results) for (const m of r.messages) byRule.set(m.ruleId!, (byRule.get(m.ruleId!) ?? 0) + 1);
    expect(byRule.get('novita-migrate/no-v2-upscale')).toBe(11);
    expect(byRule.get('novita-migrate/no-v2-progress')).toBe(4);
    expect(byRule.get('novita-migrate/v2-param')).toBeGreaterThan(5);
    expect(results.find((r) => r.filePath.endsWith('routes.ts'))!.messages).toEqual([]);
  });
});
