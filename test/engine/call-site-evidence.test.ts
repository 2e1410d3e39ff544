/**
 * The analysis skips files (and, for lint, statements) with no evidence of a
 * call site. It must never change what is found: every fixture in the repo,
 * analysed whole and focused, gives the same call sites, reads and flows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFiles, FIXTURES } from './fixture-files.js';
import { analyzeAst, type AnalyzeOptions } from '../../src/engine/analyze.js';
import { focusOnCallSites, mayHoldCallSite } from '../../src/engine/call-site-evidence.js';
import { isJsLikeFile, parseSource } from '../../src/engine/parse.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import type { FileAnalysis } from '../../src/engine/types.js';


/** What lint and fix read off an analysis, by position (paths differ between a whole and a focused Program). */
function summary(a: FileAnalysis): unknown {
  const at = (s: { span: { line: number; column: number } }): string => `${s.span.line}:${s.span.column}`;
  return {
    sites: a.callSites.map((s) => ({ at: at(s), endpoint: s.endpoint, client: s.client, url: s.url, host: s.host, body: s.body && { stringified: s.body.stringified, unknown: s.body.hasUnknownKeys, keys: s.body.properties.map((p) => JSON.stringify(Object.entries(p).filter(([, v]) => typeof v !== 'object' || v === null))) } })),
    reads: a.responseReads.map((r) => [at(r), r.v2Path]),
    flows: a.callSites.map((s) => {
      const f = a.flows?.get(s);
      return !f ? null : f.kind === 'closed' ? { kind: f.kind, submit: at(f.submit), polls: f.polls.map(at) } : { kind: f.kind, reason: f.reason, leavesProcess: f.leavesProcess, otherTask: f.otherTask };
    }),
    escapes: a.callSites.map((s) => a.responseEscapes?.get(s) ?? []),
    stale: (a.staleV3Reads ?? []).map((r) => [at(r), r.v2Path]),
  };
}

function analyse(file: string, text: string, focus: AnalyzeOptions['focus']): unknown {
  const parsed = parseSource(text, file, { attachComment: false });
  if (!parsed.ok) return 'unparsable';
  return summary(analyzeAst(parsed.ast, file, { resolver: createCrossFileResolver(), focus }));
}

const parse = (code: string, file = 'x.ts') => {
  const parsed = parseSource(code, file);
  if (!parsed.ok) throw new Error(parsed.failure.message);
  return parsed.ast;
};

describe('focused analysis finds exactly what the whole analysis finds', () => {
  const files = allFiles(FIXTURES).filter(isJsLikeFile);
  it('covers the fixtures', () => {
    expect(files.length).toBeGreaterThan(100);
  });
  it.each(files.map((f) => [f.slice(FIXTURES.length + 1), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const whole = analyse(file, text, 'off');
    expect(analyse(file, text, 'file')).toEqual(whole);
    expect(analyse(file, text, 'statements')).toEqual(whole);
  });
});

describe('evidence of a call site', () => {
  it('none in a progress bar, a comment, another service’s full URL, or helpers only called', () => {
    expect(mayHoldCallSite(parse("import { helper } from './helper';\n// polls /v2/progress elsewhere\nexport function setProgress(bar, v) { bar.progress = helper(v); bar.progress++; return bar; }"))).toBe(false);
    expect(mayHoldCallSite(parse("export const mj = (id) => fetch('https://mj.example.net/v2/upscale', { method: 'POST', body: JSON.stringify({ id }) });"))).toBe(false);
    expect(mayHoldCallSite(parse('export const mj = (id) => fetch(`https://mj.example.net/${id}/upscale`);'))).toBe(false);
    expect(mayHoldCallSite(parse("class Bar { progress() { return 1; } }\nrequire('dotenv').config();"))).toBe(false);
  });

  it('a string naming an endpoint, on Novita or under an unknown base', () => {
    expect(mayHoldCallSite(parse("fetch('https://api.novita.ai/v2/upscale')"))).toBe(true);
    expect(mayHoldCallSite(parse('fetch(`${base}/v2/progress?task_id=${id}`)'))).toBe(true);
    expect(mayHoldCallSite(parse('fetch(`https://${host}/v2/upscale`)'))).toBe(true);
    expect(mayHoldCallSite(parse("fetch('https://proxy.example.com/?to=https://api.novita.ai/v2/upscale')"))).toBe(true);
    expect(mayHoldCallSite(parse("const r = await fetch('https://api.novita.ai/v3/async/task-result?task_id=' + id)"))).toBe(true);
  });

  it('a name that reads an endpoint: SDK methods and imports, constants, members', () => {
    expect(mayHoldCallSite(parse("import { NovitaSDK } from 'novita-sdk';\nnew NovitaSDK(k).upscale({ image })"))).toBe(true);
    expect(mayHoldCallSite(parse("import { upscale } from 'novita-sdk';"))).toBe(true);
    expect(mayHoldCallSite(parse("const { progress: poll } = require('novita-sdk');\npoll(id);", 'x.js'))).toBe(true);
    expect(mayHoldCallSite(parse('fetch(ENDPOINTS.progress)'))).toBe(true);
    expect(mayHoldCallSite(parse('render(bar.progress)'))).toBe(true);
  });

  it('a value from another module that reaches more than a callee (an imported URL under a neutral name)', () => {
    expect(mayHoldCallSite(parse("import { API } from './config';\nexport async function upscaleImage(image) { return fetch(API, { method: 'POST', body: image }); }"))).toBe(true);
    expect(mayHoldCallSite(parse("const cfg = require('./config');\nfunction upscaleImage(image) { return fetch(cfg.URL, { body: image }); }", 'x.js'))).toBe(true);
    expect(mayHoldCallSite(parse("function upscaleImage(image) { return fetch(require('./config').URL, { body: image }); }", 'x.js'))).toBe(true);
  });

  it('an AST shape it does not know counts as evidence', () => {
    const ast = parse('f(1)');
    (ast.program.body[0] as unknown as { type: string }).type = 'SomethingNew';
    expect(mayHoldCallSite(ast)).toBe(true);
  });
});

describe('focusOnCallSites', () => {
  const source = [
    "import { helper } from './helper';", // 0 kept: every import is
    "import axios from 'axios';", // 1
    'export function userToCart(input) { return input.map((x) => helper(x)); }', // 2 dropped: unrelated
    "const BASE = 'https://api.novita.ai';", // 3 kept: read by the call's statement
    'export async function submit(image) { const r = await axios.post(`${BASE}/v2/upscale`, { image }); return r.data.data.task_id; }', // 4 kept: the call
    'export const both = () => submit(1);', // 5 kept: reads a name the call's statement declares
    'export function setProgress(bar) { bar.progress = 1; }', // 6 dropped
  ].join('\n');

  it('keeps the imports, the call, what it reads and what reads it', () => {
    const ast = parse(source);
    const focused = focusOnCallSites(ast)!;
    expect(focused.program.body.map((s) => ast.program.body.indexOf(s))).toEqual([0, 1, 3, 4, 5]);
    // The file's own nodes, so positions are unchanged.
    expect(focused.program.body[3]).toBe(ast.program.body[4]);
  });

  it('is null when nothing can be a call site, and the whole file for a script', () => {
    expect(focusOnCallSites(parse("import { helper } from './helper';\nexport function setProgress(bar) { bar.progress = helper(1); }"))).toBeNull();
    const script = parse("function a() {}\nfetch('https://api.novita.ai/v2/upscale');", 'x.js');
    expect(focusOnCallSites(script)).toBe(script);
  });
});
