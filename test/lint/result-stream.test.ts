/** Results written as they come: same order, same bytes as the whole-array formatter. */
import { describe, expect, it } from 'vitest';
import { jsonStream } from '../../src/cli/json-stream.js';
import { toResult } from '../../src/lint/lint-run.js';
import { OrderedResults } from '../../src/lint/result-order.js';
import { json } from '../../src/report/json.js';
import type { LintResult } from '../../src/lint/types.js';

const finding = (file: string): LintResult =>
  toResult(file, [{ ruleId: 'no-v2-upscale', severity: 2, message: 'V2 "call"\n', line: 1, column: 1, endLine: 1, endColumn: 5 }], [], 'fetch("/v2/upscale")');

const ctx = { cwd: '/', color: false, rules: [], version: '0.0.0' } as unknown as Parameters<typeof json>[1];

describe('jsonStream', () => {
  it('writes the json formatter bytes, in small pieces', async () => {
    const files = Array.from({ length: 2000 }, (_, i) => `/p/dir "${i}"/f${i}.js`);
    const results = files.map((f, i) => (i % 97 === 0 ? finding(f) : toResult(f, [])));
    const pieces: string[] = [];
    const stream = jsonStream((t) => pieces.push(t));
    for (const r of results) if (r.messages.length) stream.result(r);
    else stream.clean(r.filePath);
    stream.end();
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(await json(results, ctx));
  });

  it('writes [] for no file', async () => {
    const pieces: string[] = [];
    const stream = jsonStream((t) => pieces.push(t));
    stream.end();
    expect(pieces.join('')).toBe(await json([], ctx));
  });
});

describe('OrderedResults', () => {
  it('hands results on in the order given, whenever each finishes', async () => {
    const out: string[] = [];
    const order = new OrderedResults({ result: (r) => out.push(r.filePath), clean: (f) => out.push(f) });
    const later = (file: string, ms: number) => new Promise<LintResult>((resolve) => setTimeout(() => resolve(finding(file)), ms));
    order.clean('a');
    order.later(later('b', 30));
    order.clean('c');
    order.later(later('d', 1));
    order.result(finding('e'));
    order.clean('f');
    expect(out).toEqual(['a']);
    await order.finish();
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('OrderedResults with batches', () => {
  it('emits a batch in its own order, in its place among single files', async () => {
    const out: string[] = [];
    const order = new OrderedResults({ result: (r) => out.push(`!${r.filePath}`), clean: (f) => out.push(f) });
    const batch = (items: (string | LintResult)[], ms: number) => new Promise<(string | LintResult)[]>((resolve) => setTimeout(() => resolve(items), ms));
    order.clean('a');
    order.laterBatch(batch(['b1', finding('b2'), 'b3'], 30));
    order.later(new Promise((resolve) => setTimeout(() => resolve(finding('c')), 1)));
    order.laterBatch(batch([], 5));
    order.clean('d');
    expect(out).toEqual(['a']);
    expect(order.pending).toBe(3);
    await order.finish();
    expect(out).toEqual(['a', 'b1', '!b2', 'b3', '!c', 'd']);
  });
});
