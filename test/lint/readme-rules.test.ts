import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('<!-- rules:start -->'), readme.indexOf('<!-- rules:end -->'));

describe('README rule list', () => {
  it('documents exactly the rules there are, with their default severity, description and a docs anchor', () => {
    const rows = [...section.matchAll(/^\| \[`([a-z0-9-]+)`\]\(#([a-z0-9-]+)\) \| (\w+) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3], m[4]]);
    expect(rows).toEqual(RULES.map((r) => [r.meta.id, r.meta.id, r.meta.defaultSeverity, r.meta.description]));
    for (const r of RULES) {
      expect(section).toContain(`### ${r.meta.id}\n`);
      expect(r.meta.docsAnchor).toBe(`README.md#${r.meta.id}`);
    }
  });
});
