/**
 * Every `__fixtures__/fix/<case>/input.<ext>` must become `output.<ext>`
 * (options in `options.json`), the output must parse, and running the
 * transform on its own output must change nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/engine/parse.js';
import { transformSource } from '../../transforms/upscale-v2-to-v3.js';
import { lintText } from '../../src/lint/lint-text.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import type { CallSite } from '../../src/engine/types.js';

const ROOT = fileURLToPath(new URL('../../__fixtures__/fix', import.meta.url));
const ENDPOINT_RULES = new Set(['no-v2-upscale', 'no-v2-progress']);

describe.each(readdirSync(ROOT))('fix fixture %s', (name) => {
  const dir = join(ROOT, name);
  const inputName = readdirSync(dir).find((f) => f.startsWith('input.'))!;
  const inputPath = join(dir, inputName);
  const outputPath = join(dir, inputName.replace('input.', 'output.'));
  // As `novita-migrate fix` runs it (the whole project seen, no poll left on V2) unless options.json says otherwise;
  // `"project": null` is the stock jscodeshift run, one file at a time.
  const raw = existsSync(join(dir, 'options.json')) ? JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) : {};
  // Paths in options.json are relative to the fixture directory, so outputs do not depend on where the repo is checked out.
  const project = raw.project === null ? undefined : (raw.project ?? { blockingPolls: [] });
  if (project) project.blockingPolls = (project.blockingPolls as string[]).map((p) => join(dir, p));
  const input = readFileSync(inputPath, 'utf8');
  const expected = readFileSync(outputPath, 'utf8');
  // As `novita-migrate fix` does: act only on the calls lint reports (disable comments apply).
  const enabledIn = (text: string) => {
    const lint = lintText(text.replace(/^\uFEFF/, ''), inputPath, { resolver: createCrossFileResolver() });
    const keys = new Set(lint.messages.filter((m) => ENDPOINT_RULES.has(m.ruleId ?? '')).map((m) => `${m.line}:${m.column}`));
    return (site: CallSite) => keys.has(`${site.span.line}:${site.span.column}`);
  };
  const options = { ...raw, project, isEnabled: enabledIn(input) };

  it('produces the expected output', () => {
    const result = transformSource(input, inputPath, options);
    expect(result.output ?? input).toBe(expected);
  });

  it('output re-parses', () => {
    expect(parseSource(expected.replace(/^\uFEFF/, ''), outputPath)).toMatchObject({ ok: true });
  });

  it('lint after fix reports exactly the calls left with a TODO, each under its TODO', () => {
    const result = transformSource(input, inputPath, options);
    const todos = result.outcomes.filter((o) => o.kind === 'todo');
    const after = lintText(expected.replace(/^\uFEFF/, ''), inputPath, { resolver: createCrossFileResolver() });
    const left = after.messages.filter((m) => m.ruleId === 'no-v2-upscale' || m.ruleId === 'no-v2-progress');
    // Never a half-migration: no V3 call of the output is read as V2.
    expect(after.messages.filter((m) => m.ruleId === 'v2-read-on-v3')).toEqual([]);
    expect(left).toHaveLength(todos.length);
    const lines = expected.split(/\r\n|\r|\n/);
    for (const m of left) expect(lines.slice(Math.max(0, m.line - 4), m.line).join('\n'), `line ${m.line}`).toContain('TODO(novita-migrate)');
  });

  it('is a fixed point', () => {
    const again = transformSource(expected, inputPath, { ...options, isEnabled: enabledIn(expected) });
    expect(again.output ?? expected).toBe(expected);
  });
});

describe('fix fixtures cover what they claim', () => {
  const out = (name: string) => {
    const dir = join(ROOT, name);
    return readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('output.'))!), 'utf8');
  };

  it('keeps CRLF line endings and the BOM', () => {
    expect(out('format-crlf').split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
    expect(out('format-bom').charCodeAt(0)).toBe(0xfeff);
  });

  it('keeps double quotes and tabs in a file that uses them', () => {
    expect(out('format-double-tabs-nosemi')).toContain('model_name: "RealESRGAN_x4plus_anime_6B"');
    expect(out('format-double-tabs-nosemi')).toMatch(/^\t\tbody: JSON\.stringify\(\{$/m);
  });

  it('adds imports in the file\'s module style', () => {
    expect(out('fetch-shim')).toMatch(/^import \{ upscaleV2 \} from 'novita-migrate-shim';$/m);
    expect(out('wrapper-cjs')).toMatch(/require\('novita-migrate-shim'\)/);
  });

  it('never half-migrates a flow whose reads it cannot move: the whole flow goes to the shim, no V3 URL', () => {
    for (const name of ['response-bracket-access', 'response-satisfies', 'response-optional-chain', 'response-yield-generator']) {
      const text = out(name);
      expect(text, name).not.toMatch(/\/v3\//);
      expect(text.match(/upscaleV2\(/g), name).toHaveLength(2);
      // The reads stay V2, and so do the URLs the shim serves them from.
      expect(text, name).toMatch(/\/v2\/upscale[\s\S]*\/v2\/progress/);
    }
  });

  it('honours novita-migrate-disable-next-line: the disabled calls stay byte for byte, without a TODO', () => {
    const input = readFileSync(join(ROOT, 'disable-next-line', 'input.ts'), 'utf8');
    const legacy = (text: string) => text.slice(text.indexOf('export async function legacyUpscale'), text.indexOf('export async function upscale('));
    expect(legacy(out('disable-next-line'))).toBe(legacy(input));
    expect(legacy(input)).toContain('/v2/upscale');
    expect(out('disable-next-line')).not.toContain('TODO(novita-migrate)');
    // A flow moves whole: with only its submit disabled, its poll stays V2 too, under a TODO.
    expect(legacy(out('disable-part-of-flow'))).toMatch(/TODO\(novita-migrate\): V2 progress kept: another part of its task flow is disabled \(a disable comment/);
    expect(legacy(out('disable-part-of-flow'))).not.toContain('upscaleV2(');
  });

  it('with --unsupported=comment leaves the call and names every blocking parameter', () => {
    const text = out('comment-mode');
    expect(text).toContain("fetch('https://api.novita.ai/v2/upscale'");
    expect(text).toMatch(/\/\/ TODO\(novita-migrate\): V2 upscale kept: .*`gfpgan_visibility` has no V3 equivalent/);
  });
});
