import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/engine/analyze.js';
import { parseSource } from '../../src/engine/parse.js';
import { mayContainV2Call } from '../../src/engine/prefilter.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { scanTextForV2Urls } from '../../src/engine/text-scan.js';
import type { FileAnalysis } from '../../src/engine/types.js';

const ENGINE = fileURLToPath(new URL('../../__fixtures__/engine', import.meta.url));

function analyzeFixture(rel: string): FileAnalysis {
  const file = join(ENGINE, rel);
  const result = analyzeSource(readFileSync(file, 'utf8'), file, { resolver: createCrossFileResolver({ rootDir: ENGINE }) });
  if ('failure' in result) throw new Error(result.failure.message);
  return result;
}

describe('cross-file constants', () => {
  it('follows an index re-export, export *, a renamed re-export and a default export', () => {
    const a = analyzeFixture('cross-file/src/images.ts');
    expect(a.callSites.map((s) => [s.endpoint, s.client, s.url, s.host, s.span.line])).toEqual([
      ['upscale', 'fetch', 'https://api.novita.ai/v2/upscale', 'api.novita.ai', 7],
      ['progress', 'fetch', 'https://api.omniinfer.io/v2/progress?task_id=${…}', 'api.omniinfer.io', 13],
      ['upscale', 'fetch', 'https://api.novita.ai/v2/upscale', 'api.novita.ai', 17],
    ]);
    const body = a.callSites[0]!.body!;
    expect(body.stringified).toBe(true);
    expect(body.properties.map((p) => [p.name, p.known, p.value])).toEqual([
      ['image', false, undefined],
      ['upscaler_1', true, 'R-ESRGAN 4x+ Anime6B'],
      ['upscaling_resize', true, 2],
    ]);
    expect(a.responseReads.map((r) => [r.endpoint, r.v2Path, r.span.line])).toEqual([['upscale', 'data.task_id', 9]]);
  });

  it('follows CommonJS module.exports through require, with an axios instance without baseURL', () => {
    const a = analyzeFixture('cross-file/src/legacy-client.cjs');
    expect(a.callSites.map((s) => [s.endpoint, s.client, s.url, s.host])).toEqual([['upscale', 'axios', '/v2/upscale', undefined]]);
    expect(a.callSites[0]!.body!.properties.map((p) => `${p.name}=${String(p.value)}`)).toEqual(['image=undefined', 'upscaler_1=ESRGAN_4x', 'img_expire_ttl=600']);
    expect(a.responseReads.map((r) => r.v2Path)).toEqual(['data.task_id']);
  });

  it('cannot resolve an import outside rootDir', () => {
    const file = join(ENGINE, 'cross-file/src/images.ts');
    const resolver = createCrossFileResolver({ rootDir: join(ENGINE, 'cross-file/src/config/none') });
    const result = analyzeSource(readFileSync(file, 'utf8'), file, { resolver });
    if ('failure' in result) throw new Error(result.failure.message);
    // Only the call whose own text names the path survives (`${BASE}/upscale` has no `/v2` of its own).
    expect(result.callSites).toEqual([]);
  });
});

describe('route definitions are never calls', () => {
  it.each(['express.js', 'fastify.ts', 'hono.ts', 'koa.js'])('%s', (name) => {
    const a = analyzeFixture(`routes/${name}`);
    expect(a.callSites).toEqual([]);
    expect(a.responseReads).toEqual([]);
  });
});

describe('novita-sdk through a namespace import', () => {
  it('finds the class instance and the functional export, and reads on their results', () => {
    const a = analyzeFixture('sdk-namespace/worker.ts');
    expect(a.callSites.map((s) => [s.endpoint, s.client, s.span.line, s.span.column])).toEqual([
      ['upscale', 'novita-sdk', 6, 29],
      ['progress', 'novita-sdk', 7, 24],
    ]);
    expect(a.callSites[0]!.body!.properties.map((p) => p.name)).toEqual(['image', 'upscaler_1', 'upscaling_resize']);
    // `upscale()` resolves to `{ task_id }` on 1.x as `upscaleV3()` does: its `task_id` is no V2-only read.
    expect(a.responseReads.map((r) => [r.v2Path, r.comparedStatus])).toEqual([
      ['data.status', 3],
      ['data.failed_reason', undefined],
      ['data.imgs', undefined],
    ]);
  });
});

describe('parsing', () => {
  it('reports the first error of a broken file with its position', () => {
    const file = join(ENGINE, 'parse/broken.ts');
    const parsed = parseSource(readFileSync(file, 'utf8'), file);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.failure).toMatchObject({ line: 2, column: 52 });
    expect(parsed.failure.message).toMatch(/^Parsing error: /);
  });

  it('parses `<T>x` assertions in .ts and JSX in .tsx', () => {
    expect(analyzeFixture('parse/angle-assertion.ts').callSites.map((s) => s.url)).toEqual(['https://api.novita.ai/v2/upscale']);
    const tsx = analyzeFixture('parse/component.tsx');
    expect(tsx.callSites.map((s) => [s.client, s.endpoint])).toEqual([['fetch', 'upscale']]);
    expect(tsx.responseReads.map((r) => r.v2Path)).toEqual(['data.task_id']);
  });
});

describe('prefilter over the engine fixtures', () => {
  it('keeps every file in which detection finds something, even when only an import names the host', () => {
    const files = readdirSync(ENGINE, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /\.[cm]?[jt]sx?$/.test(d.name))
      .map((d) => join(d.parentPath, d.name));
    const found = files.filter((f) => {
      const result = analyzeSource(readFileSync(f, 'utf8'), f, { resolver: createCrossFileResolver() });
      return !('failure' in result) && result.callSites.length > 0;
    });
    expect(found.length).toBeGreaterThanOrEqual(4);
    for (const f of found) expect(mayContainV2Call(readFileSync(f, 'utf8')), f).toBe(true);
    // images.ts says neither `v2` nor a Novita host: the import is what keeps it.
    expect(readFileSync(join(ENGINE, 'cross-file/src/images.ts'), 'utf8')).not.toMatch(/v2|novita/i);
  });
});

describe('bodies assembled over statements', () => {
  it('reads Object.assign sources, later assignments (conditional inside `if`) and new Request(…)', () => {
    const a = analyzeFixture('bodies/assembled.ts');
    const upscaleCalls = a.callSites.filter((s) => s.client === 'fetch');
    expect(upscaleCalls.map((s) => [s.endpoint, s.url, s.span.line])).toEqual([['upscale', 'https://api.novita.ai/v2/upscale', 7]]);
    expect(upscaleCalls[0]!.body!.properties.map((p) => [p.name, p.known ? p.value : '?', p.conditional])).toEqual([
      ['upscaler_1', 'R-ESRGAN 4x+', false],
      ['upscaling_resize', 2, false],
      ['image', '?', false],
      ['img_expire_ttl', 600, false],
      ['gfpgan_visibility', 0.6, true],
    ]);
  });

  it('notes an unknown spread and reads nothing off upscaleSync (it resolves to the images)', () => {
    const sdk = analyzeFixture('bodies/assembled.ts').callSites.filter((s) => s.client === 'novita-sdk');
    expect(sdk.map((s) => [s.endpoint, s.span.line])).toEqual([['upscale', 12]]);
    expect(sdk[0]!.body!.hasUnknownKeys).toBe(true);
    expect(sdk[0]!.body!.properties.map((p) => p.name)).toEqual(['image', 'upscaler_1', 'upscaling_resize']);
    expect(analyzeFixture('bodies/assembled.ts').responseReads).toEqual([]);
  });
});

describe('text scan fixtures', () => {
  const scan = (rel: string) =>
    scanTextForV2Urls(readFileSync(join(ENGINE, rel), 'utf8')).map((m) => [m.endpoint, m.url, m.span.line, m.span.column, m.span.endColumn]);

  it('Go source: Novita URLs only, with positions', () => {
    expect(scan('text/config.go')).toEqual([
      ['upscale', 'https://api.novita.ai/v2/upscale', 4, 21, 53],
      ['progress', 'https://api.novita.ai/v2/progress?task_id=%s', 5, 22, 66],
    ]);
  });

  it('.env files: the predecessor host counts, V3 does not', () => {
    expect(scan('text/.env.production')).toEqual([['upscale', 'https://api.omniinfer.io/v2/upscale', 1, 20, 55]]);
  });

  it('Markdown: URLs in code spans and autolinks, not a bare path', () => {
    expect(scan('text/README.md').map((m) => m.slice(0, 3))).toEqual([
      ['upscale', 'https://api.novita.ai/v2/upscale', 3],
      ['progress', 'https://api.novita.ai/v2/progress?task_id=abc', 3],
    ]);
  });
});

describe('test doubles are never calls', () => {
  it('nock, axios-mock-adapter, fetch-mock and msw handlers that name V2 URLs', () => {
    expect(analyzeFixture('test-doubles/upscale.test.ts').callSites).toEqual([]);
  });
});

describe('ts-morph stays unloaded', () => {
  it('when every import is relative or names a package and tsconfig has no paths', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const tsMorphPath = require.resolve('ts-morph');
    const a = analyzeFixture('cross-file/src/images.ts');
    const b = analyzeFixture('routes/koa.js'); // imports a bare '@app/handlers'
    expect(a.callSites.length + b.callSites.length).toBe(3);
    expect(b.callSites).toEqual([]);
    expect(require.cache[tsMorphPath]).toBeUndefined();
  });
});

describe('instances imported from another module', () => {
  it('an exported axios.create({ baseURL }) and a default-exported NovitaSDK keep their client and base', () => {
    const a = analyzeFixture('cross-file/src/submit.ts');
    expect(a.callSites.map((s) => [s.endpoint, s.client, s.url, s.span.line])).toEqual([
      ['upscale', 'axios', 'https://api.novita.ai/v2/upscale', 4],
      ['upscale', 'novita-sdk', undefined, 9],
    ]);
    // The axios response's `data.data.task_id` is V2's; the SDK's unwrapped `task_id` (line 9) is V3's too.
    expect(a.responseReads.map((r) => [r.v2Path, r.span.line])).toEqual([['data.task_id', 5]]);
  });
});

describe('progress polling with a switch', () => {
  it('reports the status read and one comparison per numeric case', () => {
    const a = analyzeFixture('cross-file/src/poll.mjs');
    expect(a.callSites.map((s) => [s.endpoint, s.client, s.url])).toEqual([['progress', 'fetch', 'https://api.novita.ai/v2/progress?task_id=${…}']]);
    expect(a.responseReads.map((r) => [r.v2Path, r.comparedStatus, r.span.line, r.span.column])).toEqual([
      ['data.status', undefined, 7, 13],
      ['data.status', 2, 8, 12],
      ['data.status', 3, 10, 12],
      ['data.status', 4, 11, 12],
      ['data.imgs', undefined, 9, 16],
      ['data.failed_reason', undefined, 12, 25],
    ]);
  });
});
