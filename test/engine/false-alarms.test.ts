/**
 * Issue 11's false alarms, each beside its counterpart that is a real V2 call
 * (__fixtures__/engine/false-alarms): other services' paths under a base lint
 * cannot see, and novita-sdk 3.x code, which is not V2.
 */
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../src/engine/types.js';
import { analyseFixture } from './fixture-files.js';

const analyse = (name: string): FileAnalysis => analyseFixture('engine/false-alarms', name);

const sites = (a: FileAnalysis) => a.callSites.map((s) => [s.span.line, s.endpoint, s.client]);

describe('other services under an unknown base', () => {
  it('a path below the root (/mj/v2/upscale, /midjourney/v2/upscale) or another API (/api/v2/progress?courseId=) is not Novita', () => {
    expect(sites(analyse('look-alikes.ts'))).toEqual([]);
  });
  it('the exact V2 paths under an unknown base are', () => {
    expect(sites(analyse('novita-under-unknown-base.ts'))).toEqual([
      [5, 'upscale', 'fetch'],
      [7, 'progress', 'fetch'],
    ]);
  });
});

describe('novita-sdk versions (read from the project that depends on it)', () => {
  it('3.x: progress is V3, nothing to report', () => {
    expect(sites(analyse('sdk3/worker.ts'))).toEqual([]);
  });
  it('1.x: the same code is a V2 poll', () => {
    expect(sites(analyse('sdk1/worker.ts'))).toEqual([[5, 'progress', 'novita-sdk']]);
  });
});
