/**
 * The shim's image operations against PIL, bit for bit. The expected images
 * were made by scripts/pil/make-fixtures.py with Debian's Pillow and are
 * committed: this test never runs Python.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../../src/shim/backend.js';
import { createLocalBackend } from '../../../src/shim/local-backend.js';
import { blend } from '../../../src/shim/image/blend.js';
import { pasteCentred } from '../../../src/shim/image/crop.js';
import { resizeLanczos, resizeNearest } from '../../../src/shim/image/resize.js';
import { runV2Pipeline } from '../../../src/shim/pipeline.js';
import { validateV2UpscaleBody } from '../../../src/shim/validate-request.js';

const DIR = fileURLToPath(new URL('../../../__fixtures__/pil/', import.meta.url));

interface ResizeCase {
  kind: 'lanczos' | 'nearest' | 'crop';
  expected: string;
  input: string;
  width: number;
  height: number;
}
interface BlendCase {
  kind: 'blend';
  expected: string;
  a: string;
  b: string;
  alpha: number;
}
interface PipelineCase {
  kind: 'pipeline';
  expected: string;
  input: string;
  body: Record<string, unknown>;
}
type FixtureCase = ResizeCase | BlendCase | PipelineCase;

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { pillow: string; inputs: Record<string, string>; cases: FixtureCase[] };

async function load(file: string): Promise<RgbImage> {
  const { data, info } = await sharp(join(DIR, file)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
const input = (name: string) => load(manifest.inputs[name]!);

/** Size, count of differing samples and the largest difference: all must match exactly. */
function compare(actual: RgbImage, expected: RgbImage): { size: string; differing: number; maxError: number } {
  let differing = 0;
  let maxError = 0;
  if (actual.width === expected.width && actual.height === expected.height) {
    for (let i = 0; i < expected.data.length; i++) {
      const d = Math.abs(actual.data[i]! - expected.data[i]!);
      if (d) differing++;
      if (d > maxError) maxError = d;
    }
  }
  return { size: `${actual.width}x${actual.height}`, differing, maxError };
}

async function run(c: FixtureCase): Promise<RgbImage> {
  switch (c.kind) {
    case 'lanczos':
      return resizeLanczos(await input(c.input), c.width, c.height);
    case 'nearest':
      return resizeNearest(await input(c.input), c.width, c.height);
    case 'crop':
      return pasteCentred(await input(c.input), c.width, c.height);
    case 'blend':
      return blend(await input(c.a), await input(c.b), c.alpha);
    case 'pipeline': {
      const req = validateV2UpscaleBody({ image: 'fixture', ...c.body });
      return runV2Pipeline(req, createLocalBackend(), { warn: () => {} }, await input(c.input));
    }
  }
}

describe(`image operations match PIL ${manifest.pillow} exactly`, () => {
  it('covers every kind the issue asks for', () => {
    const kinds = new Set(manifest.cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['blend', 'crop', 'lanczos', 'nearest', 'pipeline']);
    expect(manifest.cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(manifest.cases.map((c) => [c.expected, c] as const))('%s', async (_name, c) => {
    const expected = await load(c.expected);
    const actual = await run(c);
    expect(compare(actual, expected)).toEqual({ size: `${expected.width}x${expected.height}`, differing: 0, maxError: 0 });
  });
});
