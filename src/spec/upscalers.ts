/** The V2 upscaler names and what each becomes on V3 (DESIGN.md, "Upscaler names"). */

export type V3ModelName = 'RealESRGAN_x4plus_anime_6B' | 'RealESRNet_x4plus' | '4x-UltraSharp';

export const V3_MODEL_NAMES: readonly V3ModelName[] = [
  'RealESRGAN_x4plus_anime_6B',
  'RealESRNet_x4plus',
  '4x-UltraSharp',
];

export type UpscalerFate =
  /** Same network on V3. */
  | { kind: 'same'; v3Model: V3ModelName }
  /** Nearest V3 model: a substitution that must be reported. */
  | { kind: 'substitute'; v3Model: V3ModelName }
  /** A plain resampler (or no-op) with no V3 model: the shim runs it locally. */
  | { kind: 'local'; resampler: 'lanczos' | 'nearest' | 'none' };

export interface UpscalerSpec {
  /** The V2 (AUTOMATIC1111) name, exactly as V2 accepts it. */
  name: string;
  /** Native magnification of one model pass (1 for resamplers). */
  nativeScale: number;
  fate: UpscalerFate;
}

export const V2_UPSCALERS: readonly UpscalerSpec[] = [
  { name: 'R-ESRGAN 4x+ Anime6B', nativeScale: 4, fate: { kind: 'same', v3Model: 'RealESRGAN_x4plus_anime_6B' } },
  { name: 'R-ESRGAN 4x+', nativeScale: 4, fate: { kind: 'substitute', v3Model: 'RealESRNet_x4plus' } },
  { name: 'ESRGAN_4x', nativeScale: 4, fate: { kind: 'substitute', v3Model: '4x-UltraSharp' } },
  { name: 'Lanczos', nativeScale: 1, fate: { kind: 'local', resampler: 'lanczos' } },
  { name: 'Nearest', nativeScale: 1, fate: { kind: 'local', resampler: 'nearest' } },
  { name: 'None', nativeScale: 1, fate: { kind: 'local', resampler: 'none' } },
];

const BY_NAME = new Map(V2_UPSCALERS.map((u) => [u.name, u]));

/** The spec of a V2 upscaler name; undefined for a name V2 does not know (code 2). */
export function findUpscaler(name: string): UpscalerSpec | undefined {
  return BY_NAME.get(name);
}

/** The V3 model a V2 name maps to, when there is one. */
export function v3ModelFor(name: string): V3ModelName | undefined {
  const fate = BY_NAME.get(name)?.fate;
  return fate && fate.kind !== 'local' ? fate.v3Model : undefined;
}

/** One sentence on what happens to this upscaler name on V3, for messages and docs. */
export function describeUpscalerFate(name: string): string {
  const spec = BY_NAME.get(name);
  if (!spec) return `\`${name}\` is not a V2 upscaler name; V3 has no such model (fix routes this call to the compat shim, which answers code 2 ModelNotExist)`;
  const f = spec.fate;
  switch (f.kind) {
    case 'same':
      return `\`${name}\` is \`${f.v3Model}\` on V3 (same model)`;
    case 'substitute':
      return `\`${name}\` has no identical V3 model; the nearest is \`${f.v3Model}\` (results will differ slightly)`;
    case 'local':
      return `\`${name}\` is a plain ${f.resampler === 'none' ? 'no-op' : `${f.resampler} resampler`} with no V3 model; fix routes this call to the compat shim, which runs it locally`;
  }
}
