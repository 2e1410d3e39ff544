/**
 * The smallest edit that sends a call through the compat shim and keeps the
 * code around it working: `fetch(…)` -> `upscaleV2(…)` (fetch's signature),
 * axios calls get the shim's adapter. Other clients have no drop-in route.
 */
import * as t from '@babel/types';
import type { CallSite } from '../../src/engine/types.js';
import { ensureShimImport } from './add-import.js';
import type { FileStyle } from './file-style.js';

const adapterProperty = () => t.objectProperty(t.identifier('adapter'), t.callExpression(t.identifier('createAxiosAdapter'), []));

function addAdapter(config: t.Node | undefined, call: t.CallExpression, index: number): boolean {
  if (config === undefined) {
    while (call.arguments.length < index) call.arguments.push(t.identifier('undefined'));
    call.arguments[index] = t.objectExpression([adapterProperty()]);
    return true;
  }
  if (t.isObjectExpression(config)) {
    if (!config.properties.some((p) => t.isObjectProperty(p) && t.isIdentifier(p.key, { name: 'adapter' }))) config.properties.push(adapterProperty());
    return true;
  }
  if (t.isIdentifier(config) || t.isMemberExpression(config)) {
    call.arguments[index] = t.objectExpression([t.spreadElement(config), adapterProperty()]);
    return true;
  }
  return false;
}

/** Returns the shim export used, or undefined when this client has no drop-in shim route. */
export function routeToShim(site: CallSite, program: t.Program, style: FileStyle): string | undefined {
  const call = site.call;
  if (!t.isCallExpression(call)) return undefined;
  if (site.client === 'fetch') {
    const callee = call.callee;
    const isFetch = (t.isIdentifier(callee) && callee.name === 'fetch') || (t.isMemberExpression(callee) && t.isIdentifier(callee.property, { name: 'fetch' }));
    if (!isFetch) return undefined; // undici.request has another signature
    call.callee = t.identifier('upscaleV2');
    ensureShimImport(program, 'upscaleV2', style);
    return 'upscaleV2';
  }
  if (site.client === 'axios') {
    const callee = call.callee;
    const method = t.isMemberExpression(callee) && t.isIdentifier(callee.property) ? callee.property.name : undefined;
    let ok = false;
    if (method === 'post' || method === 'put' || method === 'patch') ok = addAdapter(call.arguments[2], call, 2);
    else if (method === 'get' || method === 'delete' || method === 'head' || method === 'options') ok = addAdapter(call.arguments[1], call, 1);
    else if (t.isObjectExpression(call.arguments[0])) ok = addAdapter(call.arguments[0], call, 0);
    else ok = addAdapter(call.arguments[1], call, 1);
    if (!ok) return undefined;
    ensureShimImport(program, 'createAxiosAdapter', style);
    return 'createAxiosAdapter';
  }
  return undefined;
}
