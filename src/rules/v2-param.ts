import { planUpscale } from '../spec/plan.js';
import { docsAnchor, type Rule } from './rule.js';

export const v2Param: Rule = {
  meta: {
    id: 'v2-param',
    defaultSeverity: 'warn',
    description: 'V2 upscale parameters that V3 drops or cannot express',
    help: 'V3 has no second upscaler, resize-to-size, crop or face restoration, accepts `scale_factor` only in (1, 4], and keeps results a fixed 3600 s. `novita-migrate fix` routes calls that use these to the compat shim (`novita-migrate/shim`), which still implements them.',
    docsAnchor: docsAnchor('v2-param'),
  },
  check(ctx) {
    for (const site of ctx.analysis?.callSites ?? []) {
      const body = site.body;
      if (site.endpoint !== 'upscale' || !body) continue;
      const plan = planUpscale({ params: body.properties, hasUnknownKeys: false });
      const reasons = plan.kind === 'shim' ? plan.reasons : [];
      for (const prop of body.properties) {
        if (prop.name === 'upscaler_1') continue; // v2-upscaler-name's job
        const reason = reasons.find((r) => r.kind === 'param' && r.name === prop.name);
        const dropped = plan.dropped.find((d) => d.name === prop.name && d.reported);
        const message = reason?.message ?? dropped?.message;
        if (message) ctx.report({ span: prop.span, message });
      }
    }
  },
};
