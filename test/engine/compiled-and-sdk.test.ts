/**
 * Compiled and bundled code: bodies built with the helpers compilers lower
 * object spread to (`__assign`, `_extends`, `_objectSpread2`, …), and
 * response reads through the `yield`s that compiled `async` functions await
 * with (`__awaiter` generators, the ES5 `__generator` state machine).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/engine/analyze.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import type { FileAnalysis } from '../../src/engine/types.js';
import { lintText } from '../../src/lint/lint-text.js';

const FIXTURES = fileURLToPath(new URL('../../__fixtures__', import.meta.url));

function analyze(source: string, file: string): FileAnalysis {
  const result = analyzeSource(source, file, { resolver: createCrossFileResolver({ rootDir: FIXTURES }) });
  if ('failure' in result) throw new Error(result.failure.message);
  return result;
}

const analyzeFixture = (rel: string): FileAnalysis => analyze(readFileSync(join(FIXTURES, rel), 'utf8'), join(FIXTURES, rel));

/** Each site's line, whether its body has unknown keys, and its parameters (`?` for a value only known at run time). */
const bodies = (a: FileAnalysis) =>
  a.callSites.map((s) => [s.span.line, s.body?.hasUnknownKeys, (s.body?.properties ?? []).map((p) => [p.name, p.known ? p.value : '?', p.conditional])]);

const reads = (a: FileAnalysis) => a.responseReads.map((r) => [r.endpoint, r.v2Path, r.span.line, r.comparedStatus]);

describe('bodies built by compiler helpers', () => {
  it('reads tslib `__assign` (also `(0, tslib_1.__assign)`) like Object.assign, noting an unknown spread', () => {
    expect(bodies(analyzeFixture('engine/compiled/tslib-assign.js'))).toEqual([
      [12, true, [['gfpgan_visibility', 0.5, false]]],
      [21, false, [['upscaler_1', 'R-ESRGAN 4x+', false], ['upscaling_resize', 2, false], ['image', '?', false], ['img_expire_ttl', 600, false]]],
      // `lodash_1.merge(…)` is some other function: its result is not read as a body.
      [26, true, []],
    ]);
  });

  it('reads inlined `__assign` (also as a statement adding to the body), `_extends` and `_objectSpread2`, but not any other call', () => {
    expect(bodies(analyzeFixture('engine/compiled/inline-helpers.js'))).toEqual([
      [21, false, [['image', '?', false], ['upscaler_1', 'R-ESRGAN 4x+', false], ['upscaling_resize', 2, false], ['gfpgan_visibility', 0.8, false]]],
      [25, true, [['image', '?', false], ['upscaler_1', 'R-ESRGAN 4x+ Anime6B', false], ['upscaler_2', 'ESRGAN_4x', false]]],
      [30, true, [['image', '?', false], ['resize_mode', 1, false], ['upscaling_crop', true, false]]],
      [35, true, []],
    ]);
  });

  it('reads @babel/runtime helpers called as `(0, _objectSpread2.default)(…)` and esbuild `__spreadProps(__spreadValues(…))`', () => {
    const source = `
      const NOVITA = 'https://api.novita.ai/v2/upscale';
      export const a = (image) => fetch(NOVITA, { method: 'POST', body: JSON.stringify((0, _objectSpread2.default)((0, _objectSpread2.default)({}, { image }), {}, { codeformer_visibility: 0.5 })) });
      export const b = (image) => fetch(NOVITA, { method: 'POST', body: JSON.stringify(__spreadProps(__spreadValues({}, { image }), { upscaling_resize: 6 })) });
      export const c = (image) => fetch(NOVITA, { method: 'POST', body: JSON.stringify(_.assign({}, { image }, { upscaling_resize: 6 })) });
    `;
    expect(bodies(analyze(source, 'bundle.js')).map(([, unknown, props]) => [unknown, props])).toEqual([
      [false, [['image', '?', false], ['codeformer_visibility', 0.5, false]]],
      [false, [['image', '?', false], ['upscaling_resize', 6, false]]],
      [true, []],
    ]);
  });

  it('lint reports the V2 parameters of a compiled body', () => {
    const file = join(FIXTURES, 'engine/compiled/tslib-assign.js');
    const messages = lintText(readFileSync(file, 'utf8'), file, { resolver: createCrossFileResolver() }).messages.filter((m) => m.ruleId === 'v2-param');
    // Contained, not equal: which plain moves v2-param also names is that rule's business.
    expect(messages.map((m) => [m.line, m.message.split(' ')[0]])).toEqual(
      expect.arrayContaining([
        [15, '`gfpgan_visibility`'],
        [20, '`img_expire_ttl`'],
      ]),
    );
  });
});

describe('response reads through compiled `await`', () => {
  it('follows `yield` in the generator of tslib `__awaiter` like `await`, and links the flow', () => {
    const a = analyzeFixture('engine/compiled/awaiter-es2015.js');
    expect(reads(a)).toEqual([
      ['upscale', 'code', 17, undefined],
      ['upscale', 'msg', 18, undefined],
      ['upscale', 'data.task_id', 19, undefined],
      ['progress', 'data.status', 22, 2],
      ['progress', 'data.imgs', 23, undefined],
      ['progress', 'data.status', 24, 3],
      ['progress', 'data.failed_reason', 25, undefined],
    ]);
    const [submit, poll] = a.callSites;
    expect(a.flows?.get(submit!)).toMatchObject({ kind: 'closed', polls: [poll] });
    expect(a.responseEscapes?.get(submit!)).toEqual([]);
  });

  it('does not follow `yield` in a generator no async helper runs (redux-saga): an escape, no reads', () => {
    const a = analyzeFixture('engine/compiled/awaiter-es2015.js');
    const saga = a.callSites.find((s) => s.span.line === 32)!;
    expect(a.responseEscapes?.get(saga)).toEqual(['the response is read through `yield`']);
    expect(a.responseReads.filter((r) => r.span.line > 30)).toEqual([]);
  });

  it('follows `return [4, x]` to the `_a.sent()` of the next case in the ES5 `__generator` state machine', () => {
    const a = analyzeFixture('engine/compiled/generator-es5.js');
    expect(reads(a)).toEqual([
      ['upscale', 'code', 24, undefined],
      ['upscale', 'msg', 25, undefined],
      ['upscale', 'data.task_id', 26, undefined],
      // `(_a.sent()).json()` in `case 1`, then `progress = _a.sent()` in `case 2`.
      ['progress', 'data.status', 42, 2],
      ['progress', 'data.imgs', 43, undefined],
    ]);
    const [submit, poll, lookalike] = a.callSites;
    expect(a.responseEscapes?.get(submit!)).toEqual([]);
    expect(a.responseEscapes?.get(poll!)).toEqual([]);
    // Not a `__generator` body: `[4, …]` stays an escape and `state.sent().data.imgs` is not a read.
    expect(a.responseEscapes?.get(lookalike!)).toEqual(['the response is read through `yield`']);
  });

  it('does not follow a state machine whose label at the yield is not its case (a bare fall-through)', () => {
    const source = `
      function poll(id) {
        return __awaiter(this, void 0, void 0, function () {
          var res;
          return __generator(this, function (_a) {
            switch (_a.label) {
              case 0:
                console.log(id);
              case 1: return [4, fetch('https://api.novita.ai/v2/progress?task_id=' + id)];
              case 2:
                res = _a.sent();
                return [2, res.data];
            }
          });
        });
      }`;
    const a = analyze(source, 'poll.js');
    expect(a.responseReads).toEqual([]);
    expect(a.responseEscapes?.get(a.callSites[0]!)).toEqual(['the response is read through `yield`']);
  });

  it('keeps fix from half-migrating compiled ES5: the reads are seen, but the task id lives in a reassigned `var`, so both flows stay open', () => {
    const a = analyzeFixture('fix/response-yield-generator/input.cjs');
    expect(reads(a)).toEqual([
      ['upscale', 'data.task_id', 23, undefined],
      ['progress', 'data.status', 33, 2],
      ['progress', 'data.imgs', 34, undefined],
    ]);
    expect(a.callSites.map((s) => a.flows?.get(s)?.kind)).toEqual(['open', 'open']);
  });
});
