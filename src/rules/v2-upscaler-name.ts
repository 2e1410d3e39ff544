import { planUpscale } from '../spec/plan.js';
import { describeUpscalerFate, findUpscaler } from '../spec/upscalers.js';
import { docsAnchor, type Rule } from './rule.js';

export const v2UpscalerName: Rule = {
  meta: {
    id: 'v2-upscaler-name',
    defaultSeverity: 'warn',
    description: 'V2 upscaler names that have no identical V3 model',
    help: 'V3 knows `RealESRGAN_x4plus_anime_6B`, `RealESRNet_x4plus` and `4x-UltraSharp`. `R-ESRGAN 4x+` and `ESRGAN_4x` map to the nearest of these (results differ slightly); `Lanczos`, `Nearest` and `None` have no V3 model and run in the compat shim.',
    docsAnchor: docsAnchor('v2-upscaler-name'),
  },
  check(ctx) {
    for (const site of ctx.analysis?.callSites ?? []) {
      const body = site.body;
      if (!body) continue;
      // A second upscaler that does not run (`None`, or visibility 0 or absent) has no name to worry about: v2-param
      // reports it as having no effect, the same fate as on every other path (spec/plan.ts).
      const up2HasNoEffect = () => planUpscale({ params: body.properties, hasUnknownKeys: body.hasUnknownKeys }).fates.some((f) => f.name === 'upscaler_2' && f.kind === 'no-effect');
      for (const prop of body.properties) {
        if (prop.name !== 'upscaler_1' && prop.name !== 'upscaler_2') continue;
        if (!prop.known || typeof prop.value !== 'string') continue;
        const spec = findUpscaler(prop.value);
        if (spec?.fate.kind === 'same') continue;
        if (prop.name === 'upscaler_2' && up2HasNoEffect()) continue;
        ctx.report({ span: prop.span, message: `\`${prop.name}\`: ${describeUpscalerFate(prop.value)}` });
      }
    }
  },
};
