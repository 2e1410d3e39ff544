import { describe, expect, it } from 'vitest';
import { applyDirectives, parseDirectives } from '../../src/rules/disable-comments.js';
import type { LintMessage } from '../../src/rules/types.js';

const at = (line: number, ruleId: string): LintMessage => ({ ruleId, severity: 2, message: ruleId, line, column: 1 });

describe('disable comments', () => {
  it('reads our comments and ESLint\'s for our rules, with justifications', () => {
    const text = [
      '// novita-migrate-disable-line -- why',
      '// novita-migrate-disable-next-line no-v2-upscale, novita-migrate/v2-param -- a -- b',
      '/* eslint-disable novita-migrate/v2-param, no-console -- x */',
      '// eslint-disable-next-line no-console',
      '// eslint-disable',
      '/* eslint-enable */',
    ].join('\n');
    expect(parseDirectives(text, { eslint: true }).map((d) => [d.prefix, d.kind, d.line, d.rules, d.justification])).toEqual([
      ['novita-migrate', 'disable-line', 1, [], 'why'],
      ['novita-migrate', 'disable-next-line', 2, ['no-v2-upscale', 'v2-param'], 'a -- b'],
      ['eslint', 'disable', 3, ['v2-param'], 'x'],
      // line 4 names only another plugin's rule; line 5: ESLint takes `disable` in block comments only
      ['eslint', 'enable', 6, [], ''],
    ]);
    // The ESLint plugin leaves ESLint's comments to ESLint.
    expect(parseDirectives(text).map((d) => d.prefix)).toEqual(['novita-migrate', 'novita-migrate']);
  });

  it('keeps, suppresses and reports unused per rule', () => {
    const text = '// novita-migrate-disable-next-line no-v2-upscale, v2-param\nfetch(x)\n/* eslint-disable-next-line */\nfetch(y)\n';
    const out = applyDirectives([at(2, 'no-v2-upscale'), at(4, 'v2-param'), at(5, 'v2-param')], text, { eslint: true, reportUnused: 'warn' });
    expect(out.kept.map((m) => m.line)).toEqual([5]);
    expect(out.suppressed.map((m) => [m.line, m.ruleId])).toEqual([[2, 'no-v2-upscale'], [4, 'v2-param']]);
    expect(out.unused).toEqual([{ ruleId: null, severity: 1, line: 1, column: 1, message: "Unused novita-migrate-disable directive (no problems were reported from 'v2-param')." }]);
    expect(applyDirectives([at(4, 'v2-param')], text, { eslint: false }).kept).toHaveLength(1);
  });
});
