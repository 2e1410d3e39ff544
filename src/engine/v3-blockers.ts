/**
 * What about a call itself keeps fix from writing it as plain V3, in the
 * words fix's TODOs and summary use. Read by the transform (`planV3`) and by
 * the v2-param rule, which tells the user where fix sends each call.
 */
import type * as t from '@babel/types';
import type { CallSite, RequestBody } from './types.js';

export const BODY_NOT_REBUILDABLE = 'the body is built over several statements or spread from elsewhere';
export const SELF_POLLING_SDK = 'novita-sdk `upscaleSync` polls V2 by itself';
export const FUNCTIONAL_SDK_IMPORT = 'the functional novita-sdk import is renamed only through the shim';
/** `fetch?.(…)`, `(impl ?? fetch)?.(…)`: the call may not happen at all, so neither V3 nor a shim route is fix's to choose. */
export const OPTIONAL_CALL = 'an optional call (`?.(…)`) is left for a person to migrate';

/** Only a body whose every parameter is a property of the one literal, set once and unconditionally, can be rebuilt exactly. */
export function isRebuildableBody(body: RequestBody | undefined): body is RequestBody & { object: t.ObjectExpression } {
  if (!body?.object || body.hasUnknownKeys) return false;
  const props: readonly t.Node[] = body.object.properties;
  return body.properties.every((p) => props.includes(p.origin) && !p.otherOrigins?.length && !p.conditional);
}

/** `upscale(…)` from novita-sdk's functional exports (not `sdk.upscale(…)`): there is no V3 method to rename it to. */
export function isFunctionalSdkCall(site: CallSite): boolean {
  return site.client === 'novita-sdk' && !(site.call.type === 'CallExpression' && site.call.callee.type === 'MemberExpression');
}

/** novita-sdk 1.x `upscaleSync` submits and polls by itself: a whole flow in one call. */
export function isSelfPollingSdkCall(site: CallSite): boolean {
  if (site.client !== 'novita-sdk' || site.call.type !== 'CallExpression') return false;
  const callee = site.call.callee;
  const name = callee.type === 'Identifier' ? callee : callee.type === 'MemberExpression' ? callee.property : undefined;
  return name?.type === 'Identifier' && name.name === 'upscaleSync';
}
