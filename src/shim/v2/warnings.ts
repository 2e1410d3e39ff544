/**
 * The one warning policy: which approximations a request meets on a
 * backend, worded once. The same sentences go to V2's `warn` field, to
 * `onWarn`, and (for the no-key fallback) once to stderr.
 */
import { describeUpscalerFate } from '../../spec/upscalers.js';
import type { ValidatedV2Request } from '../validate-request.js';

/** Why the local backend runs: asked for, or no key anywhere. */
export type LocalReason = 'configured' | 'no-key';

export function warningsFor(req: ValidatedV2Request, backend: 'novita' | 'local', localReason: LocalReason = 'configured'): Map<string, string> {
  const w = new Map<string, string>();
  const upscalers = [req.upscaler1, req.upscaler2Visibility > 0 ? req.upscaler2 : undefined];
  for (const u of upscalers) if (u?.fate.kind === 'substitute') w.set(`model-${u.name}`, describeUpscalerFate(u.name));
  const usesFaces = req.gfpganVisibility > 0 || req.codeformerVisibility > 0;
  if (backend === 'local') {
    const why = localReason === 'no-key' ? 'no Novita API key (set NOVITA_API_KEY to run them on V3)' : 'backend "local"';
    if (upscalers.some((u) => u && u.fate.kind !== 'local')) w.set('local-upscale', `local approximation: AI upscalers run as a plain Lanczos resize, ${why}`);
    if (usesFaces) w.set('local-face', `local approximation: face restoration (GFPGAN/CodeFormer) is skipped, ${why}`);
  } else if (req.gfpganVisibility > 0) {
    w.set('gfpgan', "GFPGAN runs as V3 restore-face (an approximation of V2's GFPGAN)");
  }
  return w;
}
