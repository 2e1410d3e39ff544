import { describe, expect, it } from 'vitest';
import { planUpscale, type KnownParam } from '../../src/spec/plan.js';

const known = (name: string, value: unknown): KnownParam => ({ name, known: true, value });

describe('planUpscale', () => {
  it('rewrites an AI upscaler with an in-range factor to plain V3', () => {
    const plan = planUpscale({
      params: [known('image', 'x'), known('upscaler_1', 'R-ESRGAN 4x+ Anime6B'), known('resize_mode', 0), known('upscaling_resize', 2)],
      hasUnknownKeys: false,
    });
    expect(plan).toMatchObject({ kind: 'plain-v3', modelName: 'RealESRGAN_x4plus_anime_6B', scaleFactor: 2 });
    expect(plan.kind === 'plain-v3' && plan.substitutedFrom).toBeUndefined();
  });

  it('reports a substituted model', () => {
    const plan = planUpscale({ params: [known('image', 'x'), known('upscaler_1', 'R-ESRGAN 4x+'), known('upscaling_resize', 4)], hasUnknownKeys: false });
    expect(plan).toMatchObject({ kind: 'plain-v3', modelName: 'RealESRNet_x4plus', substitutedFrom: 'R-ESRGAN 4x+', scaleFactor: 4 });
  });

  it('defaults the factor to V2\'s 2 and drops inert fields and the TTL', () => {
    const plan = planUpscale({
      params: [known('image', 'x'), known('upscaler_1', 'ESRGAN_4x'), known('gfpgan_visibility', 0), known('upscaling_crop', true), known('img_expire_ttl', 60)],
      hasUnknownKeys: false,
    });
    expect(plan.kind).toBe('plain-v3');
    if (plan.kind !== 'plain-v3') return;
    expect(plan.scaleFactor).toBe(2);
    expect(plan.dropped.map((d) => [d.name, d.reported])).toEqual([
      ['upscaling_crop', false],
      ['gfpgan_visibility', false],
      ['img_expire_ttl', true],
    ]);
  });

  it.each([
    ['a factor outside (1, 4]', [known('upscaling_resize', 6)], 'upscaling_resize'],
    ['a factor of exactly 1', [known('upscaling_resize', 1)], 'upscaling_resize'],
    ['an unknown factor', [{ name: 'upscaling_resize', known: false }], 'upscaling_resize'],
    ['resize mode 1', [known('resize_mode', 1), known('upscaling_resize_w', 1024)], 'resize_mode'],
    ['face restoration', [known('gfpgan_visibility', 0.5)], 'gfpgan_visibility'],
    ['a second upscaler', [known('upscaler_2', 'Lanczos'), known('extras_upscaler_2_visibility', 0.3)], 'upscaler_2'],
  ])('routes %s to the shim', (_label, extra, blocker) => {
    const plan = planUpscale({ params: [known('image', 'x'), known('upscaler_1', 'R-ESRGAN 4x+'), ...extra], hasUnknownKeys: false });
    expect(plan.kind).toBe('shim');
    expect(plan.kind === 'shim' && plan.reasons.map((r) => ('name' in r ? r.name : r.kind))).toContain(blocker);
  });

  it('routes local upscalers, unknown names and unknown spreads to the shim', () => {
    expect(planUpscale({ params: [known('upscaler_1', 'Lanczos')], hasUnknownKeys: false }).kind).toBe('shim');
    expect(planUpscale({ params: [known('upscaler_1', 'SwinIR_4x')], hasUnknownKeys: false }).kind).toBe('shim');
    expect(planUpscale({ params: [known('upscaler_1', 'R-ESRGAN 4x+')], hasUnknownKeys: true }).kind).toBe('shim');
    expect(planUpscale({ params: [], hasUnknownKeys: false }).kind).toBe('shim');
  });
});
