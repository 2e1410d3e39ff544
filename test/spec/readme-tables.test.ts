import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../../scripts/render-readme-tables.js';

describe('README tables', () => {
  it('are the tables rendered from src/spec (run `node dist/scripts/render-readme-tables.js` after changing the spec)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(renderReadme(readme)).toBe(readme);
  });
});
