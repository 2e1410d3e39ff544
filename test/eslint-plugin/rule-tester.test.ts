import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { RULES } from '../../src/rules/index.js';
import { lintText } from '../../src/lint/lint-text.js';
import { transformSource } from '../../transforms/upscale-v2-to-v3.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** ESLint's default parser (espree) for JS, @typescript-eslint/parser for TS and TSX. */
const js = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });
const ts = new RuleTester({ languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } });
const rules = plugin.rules;

type Valid = RuleTester.ValidTestCase;
type Invalid = RuleTester.InvalidTestCase;
interface Cases {
  /** Plain JS: run under both parsers (as `a.js` and as `a.ts`). */
  both: { valid: string[]; invalid: Invalid[] };
  /** TypeScript syntax: @typescript-eslint/parser only. */
  tsOnly?: { valid: Valid[]; invalid: Invalid[] };
}

const CASES: Record<string, Cases> = {
  'no-v2-upscale': {
    both: {
      valid: [
        "fetch('https://api.novita.ai/v3/async/upscale', { method: 'POST' })",
        "app.post('/v2/upscale', (req, res) => res.json({}))",
        "fetch('https://mj.example.net/v2/upscale')",
      ],
      invalid: [
        {
          code: "const B = 'https://api.novita.ai'; fetch(`${B}/v2/upscale`, { method: 'POST' })",
          errors: [{ message: /`POST \/v2\/upscale` is deprecated; use `POST \/v3\/async\/upscale`/, line: 1, column: 36 }],
        },
      ],
    },
    tsOnly: {
      valid: [{ code: "const u: string = 'https://api.novita.ai/v3/async/upscale'; fetch(u as string)", filename: 'a.ts' }],
      invalid: [
        {
          code: "const base: string = 'https://api.novita.ai';\nexport async function go(image: string): Promise<Response> { return fetch(`${base}/v2/upscale`, { method: 'POST', body: JSON.stringify({ image }) }); }",
          filename: 'a.ts',
          errors: [{ message: /`POST \/v2\/upscale` is deprecated/, line: 2 }],
        },
      ],
    },
  },
  'no-v2-progress': {
    both: {
      valid: ["fetch('https://api.novita.ai/v3/async/task-result?task_id=1')"],
      invalid: [
        {
          code: "import { progress } from 'novita-sdk'; progress({ task_id: '1' })",
          // An open poll: fix routes it through the shim, so ESLint offers that as a suggestion, never as an autofix.
          errors: [
            {
              message: /novita-sdk 1\.x `progress` is deprecated.* \[fix: routes this call through novita-migrate-shim \(the task id of this poll cannot be found\); a suggestion, no autofix\]$/,
              suggestions: [{ messageId: 'routeToShim', output: "import { progress } from 'novita-migrate-shim/novita-sdk'; progress({ task_id: '1' })" }],
            },
          ],
        },
      ],
    },
  },
  'v2-param': {
    both: {
      valid: ["fetch('https://api.novita.ai/v3/async/upscale', { body: JSON.stringify({ request: { model_name: 'RealESRGAN_x4plus_anime_6B', image_base64: 'x', scale_factor: 2 } }) })"],
      invalid: [
        {
          // Every V2 field, each with its fate: plain moves too (V3 accepts none of them under its V2 name). A closed
          // flow (submit, poll of its id), so fix writes it as V3 and the fields go.
          code: "async function f() { const r = await fetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify({ image: 'x', upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2, img_expire_ttl: 60 }) }); const id = (await r.json()).data.task_id; const p = await fetch(`https://api.novita.ai/v2/progress?task_id=${id}`); return (await p.json()).data.imgs }",
          errors: [
            { message: '`image` moves to `request.image_base64`; fix moves it' },
            { message: '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B`; fix moves it' },
            { message: '`upscaling_resize` = 2 moves to `request.scale_factor`; fix moves it' },
            { message: '`img_expire_ttl` was dropped in V3 (V3 keeps results a fixed 3600 s); fix removes it' },
          ],
        },
        {
          // A submit whose task id is not followed to a poll never moves to V3: its body stays V2 for the shim.
          code: "fetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify({ image: 'x', img_expire_ttl: 60 }) })",
          errors: [
            { message: '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `upscaler_1` is absent (V2 default `None`: no AI upscale)' },
            { message: '`img_expire_ttl` was dropped in V3 (V3 keeps results a fixed 3600 s); fix keeps it, as this call needs the compat shim: `upscaler_1` is absent (V2 default `None`: no AI upscale)' },
          ],
        },
      ],
    },
    tsOnly: {
      valid: [],
      invalid: [
        {
          code: "const body = <Record<string, unknown>>{ image: 'x', upscaler_1: 'R-ESRGAN 4x+ Anime6B', gfpgan_visibility: 0.5 };\nfetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify(body) });",
          filename: 'a.ts',
          errors: [
            { message: '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `gfpgan_visibility` has no V3 equivalent', line: 1, column: 41 },
            { message: '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `gfpgan_visibility` has no V3 equivalent', line: 1, column: 53 },
            { message: '`gfpgan_visibility` has no V3 equivalent; fix routes this call to the compat shim', line: 1, column: 89 },
          ],
        },
      ],
    },
  },
  'v2-upscaler-name': {
    both: {
      valid: ["import { upscale } from 'novita-sdk'; upscale({ image: 'x', upscaler_1: 'R-ESRGAN 4x+ Anime6B' })"],
      invalid: [{ code: "import { upscale } from 'novita-sdk'; upscale({ image: 'x', upscaler_1: 'ESRGAN_4x' })", errors: [{ message: /nearest is `4x-UltraSharp`/ }] }],
    },
    tsOnly: {
      valid: [],
      invalid: [
        {
          code: "import { upscale } from 'novita-sdk';\nexport const Button = ({ image }: { image: string }) => <button onClick={() => upscale({ image, upscaler_1: 'ESRGAN_4x' })} />;",
          filename: 'a.tsx',
          errors: [{ message: /nearest is `4x-UltraSharp`/, line: 2 }],
        },
      ],
    },
  },
  'v2-response-shape': {
    both: {
      valid: ['const j = { data: { task_id: 1 } }; j.data.task_id'],
      invalid: [
        {
          code: "async function f() { const r = await fetch('https://api.novita.ai/v2/upscale'); const j = await r.json(); return j.data.task_id }",
          errors: [{ message: '`data.task_id` is a V2-only response field; on V3 use `task_id` at the top level' }],
        },
      ],
    },
  },
  'v2-read-on-v3': {
    both: {
      valid: ["async function f() { const r = await fetch('https://api.novita.ai/v3/async/upscale'); const j = await r.json(); return j.task_id }"],
      invalid: [
        {
          code: "async function f() { const r = await fetch('https://api.novita.ai/v3/async/upscale'); const j = await r.json(); return j.data.task_id }",
          errors: [{ message: '`data.task_id` is read from a `/v3/async/upscale` response, which has no such field (it is V2\'s): use `task_id` at the top level' }],
        },
      ],
    },
  },
};

const ENDPOINT = new Set(['no-v2-upscale', 'no-v2-progress']);
/** How each fix decision begins in the message. */
const DECISION_TEXT: Record<string, string> = { 'plain-v3': 'rewrites this task flow to V3 exactly', shim: 'routes this', todo: 'leaves it on V2 with a TODO', none: '' };
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const FIXTURES = fileURLToPath(new URL('../../__fixtures__/rules', import.meta.url));

/** The rule fixtures the CLI is tested on, as RuleTester cases: same engine, same findings, through ESLint. */
function fixtureCases(id: string): { valid: Valid[]; invalid: Invalid[] } {
  const dir = join(FIXTURES, id);
  const valid: Valid[] = [];
  const invalid: Invalid[] = [];
  for (const name of readdirSync(dir).filter((f) => /\.[cm]?[jt]sx?$/.test(f))) {
    const filename = join(dir, name);
    const code = readFileSync(filename, 'utf8');
    if (name.startsWith('valid.')) valid.push({ code, filename });
    else {
      const marked = code.split('\n').flatMap((line, i) => (line.includes(`expect: ${id}`) ? [i + 1] : []));
      const messages = lintText(code, filename, { resolver: createCrossFileResolver() }).messages.filter((m) => m.ruleId === id);
      // Every marked line, and nothing else, as in the CLI's rule tests.
      if ([...new Set(messages.map((m) => m.line))].join() !== marked.join()) throw new Error(`${filename}: engine and marks disagree`);
      if (!ENDPOINT.has(id)) {
        invalid.push({ code, filename, errors: messages.map((m) => ({ message: m.message, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn })) });
        continue;
      }
      // Endpoint messages also say what fix does: what the transform itself decides, one file at a time (no project).
      const stock = transformSource(code, filename, { resolver: createCrossFileResolver() });
      const kindAt = (line: number) => stock.outcomes.find((o) => o.line === line)?.kind;
      const v3Lines = new Set(stock.outcomes.filter((o) => o.kind === 'plain-v3').map((o) => o.line));
      const fixed = v3Lines.size ? transformSource(code, filename, { resolver: createCrossFileResolver(), isEnabled: (s) => v3Lines.has(s.span.line) }).output : undefined;
      invalid.push({
        code,
        filename,
        ...(fixed !== undefined ? { output: fixed } : {}),
        errors: messages.map((m) => ({
          message: new RegExp(`^${escapeRegExp(m.message)} \\[fix: ${DECISION_TEXT[kindAt(m.line) ?? 'none']}`),
          line: m.line,
          column: m.column,
          endLine: m.endLine,
          endColumn: m.endColumn,
          // The suggestion routes that call alone (the shim cases here are lone polls).
          ...(kindAt(m.line) === 'shim' ? { suggestions: [{ messageId: 'routeToShim', output: transformSource(code, filename, { isEnabled: (s) => s.span.line === m.line }).output! }] } : {}),
        })),
      });
    }
  }
  return { valid, invalid };
}

for (const { meta } of RULES) {
  const id = meta.id;
  const cases = CASES[id];
  if (!cases) throw new Error(`no RuleTester cases for ${id}`);
  const rule = rules[id]!;
  describe(id, () => {
    js.run(`${id} (default parser)`, rule, { valid: cases.both.valid, invalid: cases.both.invalid });
    ts.run(`${id} (@typescript-eslint/parser)`, rule, {
      valid: [...cases.both.valid.map((code) => ({ code, filename: 'a.ts' })), ...(cases.tsOnly?.valid ?? [])],
      invalid: [...cases.both.invalid.map((c) => ({ ...c, filename: 'a.ts' })), ...(cases.tsOnly?.invalid ?? [])],
    });
    const fixtures = fixtureCases(id);
    const isTs = (c: { filename?: string }): boolean => /\.[cm]?tsx?$/.test(c.filename ?? '');
    ts.run(`${id} (rule fixtures, @typescript-eslint/parser)`, rule, fixtures);
    const jsFixtures = { valid: fixtures.valid.filter((c) => !isTs(c)), invalid: fixtures.invalid.filter((c) => !isTs(c)) };
    if (jsFixtures.valid.length + jsFixtures.invalid.length) js.run(`${id} (JS rule fixtures, default parser)`, rule, jsFixtures);
  });
}
