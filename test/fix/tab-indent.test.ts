/**
 * fix matches each call to its lint message by line and column; recast
 * counts a leading tab as 4 columns, lint as 1. A tab-indented file must
 * still be fixed, as the transform alone fixes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../lint/helpers.js';

const FIXTURE = fileURLToPath(new URL('../../__fixtures__/fix/format-double-tabs-nosemi', import.meta.url));

describe('fix on a tab-indented file', { timeout: 120_000 }, () => {
  it('rewrites it exactly as the fixture says', () => {
    const dir = makeProject({ 'a.js': readFileSync(join(FIXTURE, 'input.js')) });
    const r = runCli(['fix', '.'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Calls: 2 rewritten to V3, 0 routed to the shim, 0 left with a TODO/);
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe(readFileSync(join(FIXTURE, 'output.js'), 'utf8'));
  });
});
