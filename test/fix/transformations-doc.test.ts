import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../__fixtures__/fix', import.meta.url));
const doc = readFileSync(new URL('../../TRANSFORMATIONS.md', import.meta.url), 'utf8');
const normalize = (s: string) => s.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').replace(/\n+$/, '');

describe('TRANSFORMATIONS.md', () => {
  it('shows every fix fixture, before and after, exactly as the tests check it', () => {
    const cases = readdirSync(ROOT);
    for (const name of cases) {
      const start = doc.indexOf(`\`__fixtures__/fix/${name}\``);
      expect(start, `${name} is documented`).toBeGreaterThan(0);
      const section = doc.slice(start, doc.indexOf('\n## ', start) === -1 ? undefined : doc.indexOf('\n## ', start));
      const blocks = [...section.matchAll(/```\w+\n([\s\S]*?)\n```/g)].map((m) => m[1]);
      const dir = join(ROOT, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
      expect(blocks[0]).toBe(normalize(readFileSync(join(dir, input), 'utf8')));
      expect(blocks[1]).toBe(normalize(readFileSync(join(dir, input.replace('input.', 'output.')), 'utf8')));
    }
  });
});
