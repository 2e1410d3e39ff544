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

  const fatesOf = (...params: KnownParam[]) => {
    const plan = planUpscale({ params: [known('image', 'x'), known('upscaler_1', 'R-ESRGAN 4x+ Anime6B'), ...params], hasUnknownKeys: false });
    return { kind: plan.kind, fates: Object.fromEntries(plan.fates.map((f) => [f.name, f.kind])) };
  };

  it('gives every V2 field present a fate: moves, needs the shim, no effect, dropped', () => {
    expect(fatesOf(known('upscaling_resize', 2), known('gfpgan_visibility', 0), known('img_expire_ttl', 60))).toEqual({
      kind: 'plain-v3',
      fates: { image: 'moves', upscaler_1: 'moves', upscaling_resize: 'moves', gfpgan_visibility: 'no-effect', img_expire_ttl: 'dropped' },
    });
    expect(fatesOf(known('gfpgan_visibility', 0.2)).fates.gfpgan_visibility).toBe('needs-shim');
    expect(fatesOf(known('img_expire_ttl', 3600)).fates.img_expire_ttl).toBe('no-effect');
  });

  it('codeformer_weight: no effect unless codeformer_visibility is on (or not known), and never a blocker of its own', () => {
    expect(fatesOf(known('codeformer_weight', 0.7))).toEqual({ kind: 'plain-v3', fates: { image: 'moves', upscaler_1: 'moves', codeformer_weight: 'no-effect' } });
    expect(fatesOf(known('codeformer_visibility', 0), known('codeformer_weight', 0.7)).fates.codeformer_weight).toBe('no-effect');
    const on = planUpscale({ params: [known('upscaler_1', 'R-ESRGAN 4x+'), known('codeformer_visibility', 0.5), known('codeformer_weight', 0.7)], hasUnknownKeys: false });
    expect(on.fates.find((f) => f.name === 'codeformer_weight')?.kind).toBe('needs-shim');
    expect(on.kind === 'shim' && on.reasons.map((r) => ('name' in r ? r.name : r.kind))).toEqual(['codeformer_visibility']);
    expect(fatesOf({ name: 'codeformer_visibility', known: false }, known('codeformer_weight', 0.7)).fates.codeformer_weight).toBe('needs-shim');
  });

  it('upscaler_2: no effect at visibility 0 or absent, so the call stays plain V3; the shim when it blends', () => {
    expect(fatesOf(known('upscaler_2', 'R-ESRGAN 4x+'), known('extras_upscaler_2_visibility', 0))).toMatchObject({ kind: 'plain-v3', fates: { upscaler_2: 'no-effect', extras_upscaler_2_visibility: 'no-effect' } });
    expect(fatesOf(known('upscaler_2', 'R-ESRGAN 4x+'))).toMatchObject({ kind: 'plain-v3', fates: { upscaler_2: 'no-effect' } });
    expect(fatesOf(known('upscaler_2', null), known('extras_upscaler_2_visibility', 0))).toMatchObject({ kind: 'plain-v3', fates: { upscaler_2: 'no-effect' } });
    expect(fatesOf(known('upscaler_2', 'R-ESRGAN 4x+'), known('extras_upscaler_2_visibility', 0.5))).toMatchObject({ kind: 'shim', fates: { upscaler_2: 'needs-shim', extras_upscaler_2_visibility: 'needs-shim' } });
    expect(fatesOf(known('upscaler_2', 'R-ESRGAN 4x+'), { name: 'extras_upscaler_2_visibility', known: false })).toMatchObject({ kind: 'shim', fates: { upscaler_2: 'needs-shim' } });
    // An absent upscaler_2 may still run: novita-sdk 1.x sends `R-ESRGAN 4x+` then.
    expect(fatesOf(known('extras_upscaler_2_visibility', 0.5))).toMatchObject({ kind: 'shim', fates: { extras_upscaler_2_visibility: 'needs-shim' } });
    expect(fatesOf(known('upscaler_2', 'None'), known('extras_upscaler_2_visibility', 0.5))).toMatchObject({ kind: 'plain-v3', fates: { upscaler_2: 'no-effect', extras_upscaler_2_visibility: 'no-effect' } });
    // A name V2 does not know was refused (code 2) whether it ran or not.
    expect(fatesOf(known('upscaler_2', 'SwinIR 4x'), known('extras_upscaler_2_visibility', 0))).toMatchObject({ kind: 'shim', fates: { upscaler_2: 'needs-shim' } });
  });

  it('resize-mode fields: no effect in the other mode', () => {
    expect(fatesOf(known('resize_mode', 0), known('upscaling_crop', false), known('upscaling_resize_w', 1024))).toMatchObject({
      kind: 'plain-v3',
      fates: { resize_mode: 'no-effect', upscaling_crop: 'no-effect', upscaling_resize_w: 'no-effect' },
    });
    expect(fatesOf(known('resize_mode', 1), known('upscaling_resize', 2), known('upscaling_crop', true))).toMatchObject({
      kind: 'shim',
      fates: { resize_mode: 'needs-shim', upscaling_resize: 'no-effect', upscaling_crop: 'needs-shim' },
    });
    expect(fatesOf({ name: 'resize_mode', known: false }, known('upscaling_resize', 2)).fates.upscaling_resize).toBe('needs-shim');
  });
});
