import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const js = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });
const ts = new RuleTester({ languageOptions: { parser: tsParser, sourceType: 'module' } });
const rules = plugin.rules;

js.run('no-v2-upscale', rules['no-v2-upscale']!, {
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
});

js.run('no-v2-progress', rules['no-v2-progress']!, {
  valid: ["fetch('https://api.novita.ai/v3/async/task-result?task_id=1')"],
  invalid: [{ code: "import { progress } from 'novita-sdk'; progress({ task_id: '1' })", errors: [{ message: /novita-sdk 1\.x `progress` is deprecated/ }] }],
});

ts.run('v2-param', rules['v2-param']!, {
  valid: [{ code: "fetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify({ image: 'x', upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) })", filename: 'a.ts' }],
  invalid: [
    {
      code: "const body = <Record<string, unknown>>{ image: 'x', upscaler_1: 'R-ESRGAN 4x+ Anime6B', gfpgan_visibility: 0.5 };\nfetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify(body) });",
      filename: 'a.ts',
      errors: [{ message: '`gfpgan_visibility` has no V3 equivalent; fix routes this call to the compat shim', line: 1, column: 89 }],
    },
  ],
});

ts.run('v2-upscaler-name', rules['v2-upscaler-name']!, {
  valid: [{ code: "import { upscale } from 'novita-sdk'; upscale({ image: 'x', upscaler_1: 'R-ESRGAN 4x+ Anime6B' })", filename: 'a.tsx' }],
  invalid: [{ code: "import { upscale } from 'novita-sdk'; upscale({ image: 'x', upscaler_1: 'ESRGAN_4x' })", filename: 'a.tsx', errors: [{ message: /nearest is `4x-UltraSharp`/ }] }],
});

js.run('v2-response-shape', rules['v2-response-shape']!, {
  valid: ["const j = { data: { task_id: 1 } }; j.data.task_id"],
  invalid: [
    {
      code: "async function f() { const r = await fetch('https://api.novita.ai/v2/upscale'); const j = await r.json(); return j.data.task_id }",
      errors: [{ message: '`data.task_id` is a V2-only response field; on V3 use `task_id` at the top level' }],
    },
  ],
});
