/**
 * RuleTester-style: every rule has fixtures that must trigger it (lines marked
 * `expect: <rule-id>`) and fixtures that must not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { RULES } from '../../src/rules/index.js';
import { lintText } from '../../src/lint/lint-text.js';

const ROOT = fileURLToPath(new URL('../../__fixtures__/rules', import.meta.url));

describe.each(RULES.map((r) => r.meta.id))('rule %s', (id) => {
  const dir = join(ROOT, id);
  const files = readdirSync(dir);

  it('has an invalid and a valid fixture', () => {
    expect(files.some((f) => f.startsWith('invalid.'))).toBe(true);
    expect(files.some((f) => f.startsWith('valid.'))).toBe(true);
  });

  for (const file of files) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const lint = () => lintText(text, path, { resolver: createCrossFileResolver() }).messages.filter((m) => m.ruleId === id);
    if (file.startsWith('invalid.')) {
      it(`reports every marked line of ${file}`, () => {
        const expected = text.split('\n').flatMap((line, i) => (line.includes(`expect: ${id}`) ? [i + 1] : []));
        const messages = lint();
        expect([...new Set(messages.map((m) => m.line))]).toEqual(expected);
        for (const m of messages) {
          expect(m.severity).toBe(RULES.find((r) => r.meta.id === id)!.meta.defaultSeverity === 'error' ? 2 : 1);
          expect(m.message.length).toBeGreaterThan(20);
        }
      });
    } else {
      it(`reports nothing in ${file}`, () => {
        expect(lint()).toEqual([]);
      });
    }
  }
});

describe('v2-param messages name the parameter and its V3 fate', () => {
  it('says what happens to each parameter', () => {
    const path = join(ROOT, 'v2-param', 'invalid.ts');
    const messages = lintText(readFileSync(path, 'utf8'), path).messages.filter((m) => m.ruleId === 'v2-param').map((m) => m.message);
    // The factor outside V3's range sends the call to the shim, which keeps the V2 body: nothing is moved or removed.
    const shim = "fix keeps it, as this call needs the compat shim: `upscaling_resize` = 6 is outside V3's `request.scale_factor` range (1, 4]";
    expect(messages).toEqual([
      `\`image\` moves to \`request.image_base64\` on V3; ${shim}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\` on V3; ${shim}`,
      "`upscaling_resize` = 6 is outside V3's `request.scale_factor` range (1, 4]; fix routes this call to the compat shim",
      `\`img_expire_ttl\` was dropped in V3 (V3 keeps results a fixed 3600 s); ${shim}`,
      '`gfpgan_visibility` has no V3 equivalent; fix routes this call to the compat shim',
    ]);
  });
});

describe('no-v2-progress says which task a poll asks about when it can tell', () => {
  it('a poll of a txt2img task is told to move with its txt2img submit', () => {
    const path = join(ROOT, 'no-v2-progress', 'invalid.js');
    const messages = lintText(readFileSync(path, 'utf8'), path).messages.filter((m) => m.ruleId === 'no-v2-progress');
    expect(messages.at(-1)!.message).toMatch(/^`GET \/v2\/progress` is deprecated; it polls a V2 txt2img task: move it to V3 together with its `\/v2\/txt2img` submit/);
    expect(messages.slice(0, -1).every((m) => !m.message.includes('txt2img'))).toBe(true);
  });
});
