import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';

/** A long-lived ESLint (an editor's language server) linting a file whose URL is imported. */
describe('the ESLint plugin in a long-lived process', () => {
  afterEach(() => vi.useRealTimers());

  it('sees an edit to an imported module on the next lint after a pause', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = mkdtempSync(join(tmpdir(), 'nm-eslint-session-'));
    const config = join(dir, 'config.js');
    const caller = join(dir, 'caller.js');
    const code = "import { UPSCALE_URL } from './config.js';\nexport const go = () => fetch(UPSCALE_URL, { method: 'POST' });\n";
    const linter = new Linter({ cwd: dir });
    const lint = () => linter.verify(code, [{ plugins: { 'novita-migrate': plugin }, rules: { 'novita-migrate/no-v2-upscale': 'error' } }], caller).map((m) => m.ruleId ?? m.message);

    writeFileSync(config, "export const UPSCALE_URL = 'https://api.novita.ai/v2/upscale';\n");
    expect(lint()).toEqual(['novita-migrate/no-v2-upscale']);

    writeFileSync(config, "export const UPSCALE_URL = 'https://api.novita.ai/v3/async/upscale';\n");
    vi.setSystemTime(Date.now() + 5000);
    expect(lint()).toEqual([]);
  });
});
