import { BODY_NOT_REBUILDABLE, FUNCTIONAL_SDK_IMPORT, isFunctionalSdkCall, isRebuildableBody, isSelfPollingSdkCall, SELF_POLLING_SDK } from '../engine/v3-blockers.js';
import type { CallSite, FileAnalysis, RequestBody } from '../engine/types.js';
import { describeParamOutcome, shimReasonClause, type CallRoute } from '../spec/field-fate-message.js';
import { planUpscale, type UpscalePlan } from '../spec/plan.js';
import { docsAnchor, type Rule } from './rule.js';

/**
 * Where fix sends this call (transforms/upscale-v2-to-v3.ts `planV3`, from the same blockers in
 * engine/v3-blockers.ts): V3 when the plan is plain V3, its task flow is closed (the id reaches every poll), its
 * response does not escape, and the body can be rebuilt; the shim otherwise (or, where fix cannot route it, a TODO),
 * with the V2 body kept as it is. Reads of a closed flow that fix cannot rewrite send it to the shim too; fix's
 * summary says so.
 */
function routeOf(site: CallSite, body: RequestBody, plan: UpscalePlan, analysis: FileAnalysis): CallRoute {
  if (plan.kind === 'shim') return { to: 'shim', because: shimReasonClause(plan.reasons[0]?.message ?? 'V3 cannot express it') };
  // A flow moves to V3 only whole: a submit whose task id cannot be followed to its polls never does.
  const flow = analysis.flows?.get(site);
  if (flow?.kind === 'open') return { to: 'shim', because: flow.reason };
  const escape = analysis.responseEscapes?.get(site)?.[0];
  if (escape) return { to: 'shim', because: escape };
  if (isSelfPollingSdkCall(site)) return { to: 'shim', because: SELF_POLLING_SDK };
  if (isFunctionalSdkCall(site)) return { to: 'shim', because: FUNCTIONAL_SDK_IMPORT };
  return isRebuildableBody(body) ? { to: 'v3' } : { to: 'shim', because: BODY_NOT_REBUILDABLE };
}

export const v2Param: Rule = {
  meta: {
    id: 'v2-param',
    defaultSeverity: 'warn',
    description: 'every V2 upscale parameter, with its fate on V3: moves, needs the shim, or has no effect',
    help: 'V3 accepts none of the V2 body fields under their V2 names. Each one present is reported once with its fate: it moves to a V3 field (`image` -> `request.image_base64`, `upscaler_1` -> `request.model_name`, `upscaling_resize` -> `request.scale_factor`); it needs the compat shim (second upscaler, resize-to-size, crop, face restoration, a `scale_factor` outside (1, 4]); it has no effect with these values (V2 ignored it) and fix removes it; or V3 dropped it (`img_expire_ttl`: results are kept a fixed 3600 s). A call that needs the shim keeps its V2 body: `novita-migrate fix` routes it to `novita-migrate/shim`, which still implements every field.',
    docsAnchor: docsAnchor('v2-param'),
  },
  check(ctx) {
    const analysis = ctx.analysis;
    for (const site of analysis?.callSites ?? []) {
      const body = site.body;
      if (site.endpoint !== 'upscale' || !body) continue;
      const plan = planUpscale({ params: body.properties, hasUnknownKeys: body.hasUnknownKeys });
      const route = routeOf(site, body, plan, analysis!);
      const seen = new Set<string>();
      for (const prop of body.properties) {
        const fate = plan.fates.find((f) => f.name === prop.name);
        if (!fate || seen.has(prop.name)) continue;
        seen.add(prop.name);
        ctx.report({ span: prop.span, message: describeParamOutcome(fate, route) });
      }
    }
  },
};
