/**
 * Flows split over module-private functions (engine/cross-function-flow.ts):
 * closed only when provably closed; every near miss stays open.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/engine/analyze.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import type { FileAnalysis } from '../../src/engine/types.js';

const SUBMIT = `async function submit(image) {
  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });
  const json = await res.json();
  return json.data.task_id;
}
`;
const WAIT = `async function waitFor(taskId) {
  for (;;) {
    const r = await fetch(\`https://api.novita.ai/v2/progress?task_id=\${taskId}\`);
    const j = await r.json();
    if (j.data.status === 2) return j.data.imgs;
  }
}
`;
const CALLER = `export async function upscale(image) { const id = await submit(image); return waitFor(id); }\n`;

function flows(code: string, file = 'm.js'): Array<[string, string]> {
  const result = analyzeSource(code, file, { resolver: createCrossFileResolver() });
  if ('failure' in result) throw new Error(result.failure.message);
  const a = result as FileAnalysis;
  return a.callSites.map((s) => [s.endpoint, a.flows?.get(s)?.kind ?? 'none']);
}

const CLOSED = [['upscale', 'closed'], ['progress', 'closed']];
const OPEN = [['upscale', 'open'], ['progress', 'open']];

describe('cross-function task flows', () => {
  it.each([
    ['const x = await S(); return P(x)', SUBMIT + WAIT + CALLER],
    ['P(await S())', SUBMIT + WAIT + 'export async function upscale(image) { return waitFor(await submit(image)); }\n'],
    ['several callers, each a hand-off', SUBMIT + WAIT + CALLER + 'export const twice = async (a) => { const id = await submit(a); const first = await waitFor(id); return first; };\n'],
    ['the id through a local const in S', SUBMIT.replace('return json.data.task_id;', 'const id = json.data.task_id;\n  return id;') + WAIT + CALLER],
    ['the id destructured in S', SUBMIT.replace('return json.data.task_id;', 'const { task_id } = json.data;\n  return task_id;') + WAIT + CALLER],
    ['`const` arrow helpers', SUBMIT.replace('async function submit(image) {', 'const submit = async (image) => {').replace(/}\n$/, '};\n') + WAIT + CALLER],
    ['an error check in S (throw is no return)', SUBMIT.replace('return json', 'if (json.code !== 0) throw new Error(json.msg);\n  return json') + WAIT + CALLER],
    ['CommonJS (`module.exports` of the caller only)', SUBMIT + WAIT + 'async function upscale(image) { const id = await submit(image); return waitFor(id); }\nmodule.exports = { upscale };\n'],
    ['TypeScript: `as string`, a second parameter', SUBMIT.replace('(image)', '(image: string)').replace('return json.data.task_id', 'return json.data.task_id as string') + WAIT.replace('(taskId)', '(taskId: string, ms = 500)') + 'export async function upscale(image: string) { const id = await submit(image); return waitFor(id, 10); }\n', 'm.ts'],
  ])('links %s', (_name, code, file = 'm.js') => {
    expect(flows(code, file)).toEqual(CLOSED);
  });

  it.each([
    ['the poller exported', SUBMIT + 'export ' + WAIT + CALLER],
    ['the submit helper exported', 'export ' + SUBMIT + WAIT + CALLER],
    ['`export { waitFor }`', SUBMIT + WAIT + CALLER + 'export { waitFor };\n'],
    ['`module.exports = { submit }`', SUBMIT + WAIT + CALLER + 'module.exports = { submit };\n'],
    ['the poller passed as a value', SUBMIT + WAIT + CALLER + 'export const all = (ids) => Promise.all(ids.map(waitFor));\n'],
    ['the poller also called with a parameter id', SUBMIT + WAIT + CALLER + 'export function resume(taskId) { return waitFor(taskId); }\n'],
    ['the poller also called with a literal id', SUBMIT + WAIT + CALLER + "export function resume() { return waitFor('abc'); }\n"],
    ['the poller calls itself (retry with its own id)', SUBMIT + WAIT.replace('for (;;) {', 'if (Math.random() < 0) return waitFor(taskId);\n  for (;;) {') + CALLER],
    ['the id also logged', SUBMIT + WAIT + 'export async function upscale(image) { const id = await submit(image); console.log(id); return waitFor(id); }\n'],
    ['the id also returned', SUBMIT + WAIT + 'export async function upscale(image) { const id = await submit(image); return { id, imgs: await waitFor(id) }; }\n'],
    ['the id in a `let`', SUBMIT + WAIT + 'export async function upscale(image) { let id = await submit(image); return waitFor(id); }\n'],
    ['S called without a hand-off', SUBMIT + WAIT + CALLER + 'export async function fire(image) { await submit(image); }\n'],
    ['S through `.then`', SUBMIT + WAIT + 'export function upscale(image) { return submit(image).then(waitFor); }\n'],
    ['S returns something else too', SUBMIT.replace('const json', "if (!image) return 'cached-id';\n  const json") + WAIT + CALLER],
    ['S also stores the id', SUBMIT.replace('return json.data.task_id;', 'const id = json.data.task_id;\n  globalThis.last = id;\n  return id;') + WAIT + CALLER],
    ['S returns the whole response', SUBMIT.replace('return json.data.task_id;', 'return json;') + WAIT + 'export async function upscale(image) { const r = await submit(image); return waitFor(r.data.task_id); }\n'],
    ['the poller\'s id also used outside its polls', SUBMIT + WAIT.replace('for (;;) {', 'seen.add(taskId);\n  for (;;) {') + 'const seen = new Set();\n' + CALLER],
    ['the poller\'s parameter reassigned', SUBMIT + WAIT.replace('for (;;) {', 'taskId = String(taskId);\n  for (;;) {') + CALLER],
    ['two submit helpers feed one poller', SUBMIT + SUBMIT.replace('submit(', 'submit2(') + WAIT + CALLER + 'export async function other(image) { return waitFor(await submit2(image)); }\n'],
    ['the submit nested in a callback of S', SUBMIT.replace("const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });", "const res = await retry(() => fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) }));") + WAIT + CALLER],
    ['a classic script (top-level functions are globals other scripts may call)', SUBMIT + WAIT + 'async function upscale(image) { const id = await submit(image); return waitFor(id); }\n'],
    ['helpers not at the top level', `export function make() {\n${SUBMIT}${WAIT}return async (image) => { const id = await submit(image); return waitFor(id); };\n}\n`],
    ['a helper reassigned', SUBMIT.replace('async function submit(image) {', 'let submit = async function (image) {').replace(/}\n$/, '};\n') + WAIT + CALLER + 'submit = null;\n'],
  ])('keeps it open when %s', (_name, code) => {
    const result = flows(code);
    expect(result.length).toBeGreaterThanOrEqual(2);
    expect(result.filter(([, kind]) => kind !== 'open')).toEqual([]);
  });

  it('still links the in-function flow next to an open cross-function one', () => {
    const inFunction = `export async function whole(image) {
  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });
  const json = await res.json();
  const taskId = json.data.task_id;
  const p = await fetch(\`https://api.novita.ai/v2/progress?task_id=\${taskId}\`);
  return p;
}
`;
    expect(flows(SUBMIT + 'export ' + WAIT + CALLER + inFunction)).toEqual([...OPEN, ['upscale', 'closed'], ['progress', 'closed']]);
  });
});
