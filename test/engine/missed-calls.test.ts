/**
 * Issue 11's missed calls, each next to its near miss (__fixtures__/engine/missed-calls):
 * a `send` given a Novita V2 URL, a tagged template, a TS enum member, an
 * optional call through `??`, the SDK class from a vendored path, and the
 * `.concat` that ES5 output uses for template strings.
 */
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../src/engine/types.js';
import { analyseFixture } from './fixture-files.js';

const analyse = (name: string): FileAnalysis => analyseFixture('engine/missed-calls', name);

describe('calls lint used to miss', () => {
  it('finds each one, with its URL and body', () => {
    const a = analyse('calls.ts');
    expect(a.callSites.map((s) => [s.span.line, s.endpoint, s.client, s.url, s.body?.properties.map((p) => p.name)])).toEqual([
      [14, 'upscale', 'wrapper', 'https://api.novita.ai/v2/upscale', ['image', 'upscaling_resize']],
      [18, 'progress', 'fetch', '${…}/v2/progress?task_id=${…}', undefined],
      [22, 'upscale', 'fetch', 'https://api.novita.ai/v2/upscale', ['image', 'upscaler_1']],
      [26, 'progress', 'fetch', 'https://api.novita.ai/v2/progress?task_id=${…}', undefined],
      [31, 'upscale', 'novita-sdk', undefined, ['image', 'upscaler_1']],
      [35, 'progress', 'fetch', 'https://api.novita.ai/v2/progress?task_id=${…}', undefined],
    ]);
  });

  it('leaves their look-alikes alone: a server answer, another host, a V3 call', () => {
    const a = analyse('look-alikes.ts');
    expect(a.callSites).toEqual([]);
    // The V3 poll is seen as V3 (so a V2-shaped read of it would be reported), not as V2.
    expect(a.staleV3Reads).toEqual([]);
  });
});
