import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { github } from '../../src/report/github.js';
import type { FormatterContext } from '../../src/report/types.js';
import type { LintResult } from '../../src/lint/types.js';

const ctx: FormatterContext = { cwd: '/repo', color: false, rules: [], version: '0.0.0' };

function result(filePath: string, messages: LintResult['messages']): LintResult {
  return { filePath, messages, errorCount: 0, warningCount: 0, fatalErrorCount: 0 };
}

describe('--format github', () => {
  // As outside GitHub Actions, unless a test says otherwise.
  beforeEach(() => vi.stubEnv('GITHUB_WORKSPACE', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('escapes as @actions/core does: % CR LF in the message; also : and , in properties', () => {
    const out = github(
      [
        result('/repo/src/a:b,c%.ts', [
          { ruleId: 'v2-param', severity: 1, message: '`upscaler_1`: 100% off,\r\nnext line', line: 3, column: 5, endLine: 3, endColumn: 9 },
          { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Unexpected token', line: 7, column: 1 },
        ]),
      ],
      ctx,
    );
    expect(out).toBe(
      '::warning file=src/a%3Ab%2Cc%25.ts,line=3,col=5,endLine=3,endColumn=9,title=v2-param::`upscaler_1`: 100%25 off,%0D%0Anext line\n' +
        '::error file=src/a%3Ab%2Cc%25.ts,line=7,col=1,title=parse-error::Parsing error: Unexpected token\n',
    );
  });

  it('prints nothing for a clean tree', () => {
    expect(github([result('/repo/a.ts', [])], ctx)).toBe('');
  });

  it('names files from GITHUB_WORKSPACE when a step runs in a subdirectory', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '/repo');
    const out = github([result('/repo/packages/app/src/a.ts', [{ ruleId: 'no-v2-upscale', severity: 2, message: 'm', line: 1, column: 1 }])], { ...ctx, cwd: '/repo/packages/app' });
    expect(out).toBe('::error file=packages/app/src/a.ts,line=1,col=1,title=no-v2-upscale::m\n');
    // A file outside the workspace keeps its path from the working directory.
    expect(github([result('/elsewhere/b.ts', [{ ruleId: 'v2-param', severity: 1, message: 'm', line: 2, column: 3 }])], { ...ctx, cwd: '/elsewhere' })).toBe('::warning file=b.ts,line=2,col=3,title=v2-param::m\n');
  });
});
