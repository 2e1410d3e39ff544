/**
 * The smallest edit that sends a call through the shim runtime
 * (`novita-migrate-shim`) with the client's own API, so the code around it
 * keeps working: every route below shares the runtime's one task store.
 *
 *   fetch(…)                      -> upscaleV2(…)
 *   nodeFetch(…) / undici fetch   -> withV2Shim(nodeFetch)(…)
 *   undici request(…)             -> undiciRequestV2(…)
 *   axios …(…, cfg)               -> cfg + { adapter: createAxiosAdapter() }
 *   got …(url, opts)              -> opts + { request: gotV2Request }
 *   ky …(url, opts)               -> opts + { fetch: upscaleV2 }
 *   superagent.post(url)…         -> superagent.post(url).use(superagentV2)…
 *   wrapper({ url, data })        -> the wrapper's own client call is routed (same file)
 *   new NovitaSDK(key)            -> withNovitaV2Shim(new NovitaSDK(key))
 *   import { upscale } from 'novita-sdk' -> from 'novita-migrate-shim/novita-sdk'
 *
 * Planning never edits: a flow is routed whole or not at all.
 */
import { OPTIONAL_CALL } from '../../src/engine/v3-blockers.js';
import * as t from '@babel/types';
import type { CallSite } from '../../src/engine/types.js';
import { moduleLibrary } from '../../src/engine/library-of.js';
import { SHIM_EXPORTS, SHIM_RUNTIME_PACKAGE, SHIM_SDK_MODULE } from '../../src/spec/shim-runtime.js';
import { ensureImport } from './add-import.js';
import { quoteString, type FileStyle } from './file-style.js';
import { parentOf } from './parent-of.js';
import { markTouched } from './touched.js';

export type RoutePlan = { via: string; apply: () => void } | { none: string };

/** Where a top-level name comes from: `import x from 'm'`, `import { a as x } from 'm'`, `const x = require('m')`, `const { a: x } = require('m')`. */
export function importOf(name: string, program: t.Program): { source: string; imported: string; decl: t.Node } | undefined {
  for (const stmt of program.body) {
    if (t.isImportDeclaration(stmt)) {
      for (const spec of stmt.specifiers) {
        if (spec.local.name !== name) continue;
        const imported = t.isImportSpecifier(spec) ? (t.isIdentifier(spec.imported) ? spec.imported.name : spec.imported.value) : t.isImportDefaultSpecifier(spec) ? 'default' : '*';
        return { source: stmt.source.value, imported, decl: stmt };
      }
    }
    if (t.isVariableDeclaration(stmt)) {
      for (const d of stmt.declarations) {
        const init = d.init;
        const req = init && t.isCallExpression(init) && t.isIdentifier(init.callee, { name: 'require' }) && t.isStringLiteral(init.arguments[0]) ? init.arguments[0].value : undefined;
        if (!req) continue;
        if (t.isIdentifier(d.id, { name })) return { source: req, imported: 'default', decl: stmt };
        if (t.isObjectPattern(d.id)) {
          for (const p of d.id.properties) {
            if (t.isObjectProperty(p) && t.isIdentifier(p.value, { name }) && t.isIdentifier(p.key)) return { source: req, imported: p.key.name, decl: stmt };
          }
        }
      }
    }
  }
  return undefined;
}

function rootName(node: t.Node): string | undefined {
  let n: t.Node = node;
  for (;;) {
    if (t.isMemberExpression(n)) n = n.object;
    else if (t.isCallExpression(n)) n = n.callee;
    else break;
  }
  return t.isIdentifier(n) ? n.name : undefined;
}

/** Adds `name: value` to the options object at `index`, creating or spreading it as needed. */
function planOption(call: t.CallExpression, index: number, name: string, value: () => t.Expression): (() => void) | undefined {
  const config = call.arguments[index];
  const prop = () => t.objectProperty(t.identifier(name), value());
  if (config === undefined) {
    return () => {
      while (call.arguments.length < index) call.arguments.push(t.identifier('undefined'));
      call.arguments[index] = t.objectExpression([prop()]);
    };
  }
  if (t.isObjectExpression(config)) {
    if (config.properties.some((p) => t.isObjectProperty(p) && t.isIdentifier(p.key, { name }))) return undefined;
    return () => void config.properties.push(prop());
  }
  if (t.isIdentifier(config) || t.isMemberExpression(config)) return () => void (call.arguments[index] = t.objectExpression([t.spreadElement(config), prop()]));
  return undefined;
}

function planFetchCall(call: t.CallExpression, program: t.Program, style: FileStyle): RoutePlan {
  const callee = call.callee;
  const globalFetch =
    (t.isIdentifier(callee, { name: 'fetch' }) && !importOf('fetch', program)) ||
    (t.isMemberExpression(callee) && t.isIdentifier(callee.property, { name: 'fetch' }) && t.isIdentifier(callee.object) && ['globalThis', 'window', 'self', 'global'].includes(callee.object.name));
  if (globalFetch) {
    return {
      via: SHIM_EXPORTS.fetch,
      apply: () => {
        call.callee = t.identifier(SHIM_EXPORTS.fetch);
        ensureImport(program, SHIM_EXPORTS.fetch, SHIM_RUNTIME_PACKAGE, style);
      },
    };
  }
  const name = t.isIdentifier(callee) ? callee.name : undefined;
  const from = name ? importOf(name, program) : undefined;
  if (name && from && (moduleLibrary(from.source) === 'fetch' || (from.source === 'undici' && from.imported === 'fetch'))) {
    return {
      via: `${SHIM_EXPORTS.wrapFetch}(${name})`,
      apply: () => {
        call.callee = t.callExpression(t.identifier(SHIM_EXPORTS.wrapFetch), [t.identifier(name)]);
        ensureImport(program, SHIM_EXPORTS.wrapFetch, SHIM_RUNTIME_PACKAGE, style);
      },
    };
  }
  if (name && from?.source === 'undici' && from.imported === 'request') {
    return {
      via: SHIM_EXPORTS.undiciRequest,
      apply: () => {
        call.callee = t.identifier(SHIM_EXPORTS.undiciRequest);
        ensureImport(program, SHIM_EXPORTS.undiciRequest, SHIM_RUNTIME_PACKAGE, style);
      },
    };
  }
  return { none: 'this fetch-like client has no drop-in shim route' };
}

function planAxios(call: t.CallExpression, program: t.Program, style: FileStyle): RoutePlan {
  const callee = call.callee;
  const method = t.isMemberExpression(callee) && t.isIdentifier(callee.property) ? callee.property.name : undefined;
  let index: number;
  if (method === 'post' || method === 'put' || method === 'patch') index = 2;
  else if (method && ['get', 'delete', 'head', 'options'].includes(method)) index = 1;
  else if (t.isObjectExpression(call.arguments[0])) index = 0;
  else index = 1;
  const add = planOption(call, index, 'adapter', () => t.callExpression(t.identifier(SHIM_EXPORTS.axiosAdapter), []));
  if (!add) return { none: 'the axios config cannot take an adapter here' };
  return {
    via: SHIM_EXPORTS.axiosAdapter,
    apply: () => {
      add();
      ensureImport(program, SHIM_EXPORTS.axiosAdapter, SHIM_RUNTIME_PACKAGE, style);
    },
  };
}

function planGotKy(site: CallSite, call: t.CallExpression, program: t.Program, style: FileStyle): RoutePlan {
  const optionsIndex = t.isObjectExpression(call.arguments[0]) ? 0 : 1;
  const got = site.client === 'got';
  const name = got ? 'request' : 'fetch';
  const value = got ? SHIM_EXPORTS.gotRequest : SHIM_EXPORTS.fetch;
  const add = planOption(call, optionsIndex, name, () => t.identifier(value));
  if (!add) return { none: `the ${site.client} options cannot take \`${name}\` here` };
  return {
    via: value,
    apply: () => {
      add();
      ensureImport(program, value, SHIM_RUNTIME_PACKAGE, style);
    },
  };
}

function planSuperagent(call: t.CallExpression, program: t.Program, style: FileStyle): RoutePlan {
  const parent = parentOf(program, call);
  if (!parent) return { none: 'the superagent request is not part of a chain fix can edit' };
  return {
    via: SHIM_EXPORTS.superagentPlugin,
    apply: () => {
      const used = t.callExpression(t.memberExpression(t.cloneNode(call, true, true), t.identifier('use')), [t.identifier(SHIM_EXPORTS.superagentPlugin)]);
      replaceChild(parent, call, used);
      ensureImport(program, SHIM_EXPORTS.superagentPlugin, SHIM_RUNTIME_PACKAGE, style);
    },
  };
}

function replaceChild(parent: t.Node, child: t.Node, replacement: t.Node): void {
  for (const key of t.VISITOR_KEYS[parent.type] ?? []) {
    const value = (parent as unknown as Record<string, unknown>)[key];
    if (value === child) (parent as unknown as Record<string, unknown>)[key] = replacement;
    else if (Array.isArray(value)) {
      const i = value.indexOf(child);
      if (i >= 0) value[i] = replacement;
    }
  }
}

/** `httpFetch({ url: '/v2/upscale', data })`: route the client call inside `httpFetch` when it is defined in this file. */
function planWrapper(call: t.CallExpression, program: t.Program, style: FileStyle): RoutePlan {
  const name = t.isIdentifier(call.callee) ? call.callee.name : undefined;
  const fn = name ? findFunction(name, program) : undefined;
  if (!fn) {
    const where = name ? `\`${name}\` is not a function of this file` : 'the wrapper is a method or a value fix does not follow';
    return { none: `${where}: route its client where it is defined, or use \`novita-migrate shim serve\`` };
  }
  const inner: t.CallExpression[] = [];
  t.traverseFast(fn, (n) => {
    if (t.isCallExpression(n)) inner.push(n);
  });
  const routable = inner.flatMap((call) => {
    const plan = planFetchCall(call, program, style);
    return 'via' in plan ? [{ call, plan }] : [];
  });
  if (routable.length !== 1) return { none: `the wrapper \`${name}\` makes its request with a client fix cannot route` };
  const [{ call: innerCall, plan }] = routable as [{ call: t.CallExpression; plan: Extract<RoutePlan, { via: string }> }];
  return {
    via: `${plan.via} inside \`${name}\``,
    apply: () => {
      markTouched(program, innerCall);
      plan.apply();
    },
  };
}

function findFunction(name: string, program: t.Program): t.Function | undefined {
  for (const stmt of program.body) {
    const decl = t.isExportNamedDeclaration(stmt) ? stmt.declaration : stmt;
    if (t.isFunctionDeclaration(decl) && decl.id?.name === name) return decl;
    if (t.isVariableDeclaration(decl)) {
      for (const d of decl.declarations) if (t.isIdentifier(d.id, { name }) && (t.isArrowFunctionExpression(d.init) || t.isFunctionExpression(d.init))) return d.init;
    }
  }
  return undefined;
}

/** The novita-sdk 1.x class instance is wrapped where it is made; functional imports come from the compat module. */
function planSdk(call: t.CallExpression, program: t.Program, style: FileStyle): RoutePlan {
  const callee = call.callee;
  if (t.isIdentifier(callee)) {
    const from = importOf(callee.name, program);
    if (!from || from.source !== 'novita-sdk' || !t.isImportDeclaration(from.decl)) return { none: 'the SDK function is not imported from novita-sdk in this file' };
    const decl = from.decl;
    const local = callee.name;
    return {
      via: `${SHIM_SDK_MODULE} ${from.imported}`,
      apply: () => {
        const spec = decl.specifiers.find((s) => s.local.name === local);
        if (!spec || decl.source.value === SHIM_SDK_MODULE) return; // moved already (several calls of one import)
        markTouched(program, decl);
        if (decl.specifiers.length === 1) {
          // The declaration's only name: the same import, from the compat module (edited in place).
          decl.source = Object.assign(t.stringLiteral(SHIM_SDK_MODULE), { extra: { rawValue: SHIM_SDK_MODULE, raw: quoteString(SHIM_SDK_MODULE, style) } });
          return;
        }
        decl.specifiers = decl.specifiers.filter((s) => s !== spec);
        ensureImport(program, from.imported, SHIM_SDK_MODULE, style, local);
      },
    };
  }
  const made = findSdkConstruction(program);
  if (made.length !== 1) return { none: made.length ? 'the SDK client is made in several places' : 'the SDK client is made in another module: wrap it there with `withNovitaV2Shim`' };
  const ctor = made[0]!;
  return {
    via: SHIM_EXPORTS.sdkInstance,
    apply: () => {
      const parent = parentOf(program, ctor);
      if (!parent || (t.isCallExpression(parent) && t.isIdentifier(parent.callee, { name: SHIM_EXPORTS.sdkInstance }))) return;
      markTouched(program, ctor);
      replaceChild(parent, ctor, t.callExpression(t.identifier(SHIM_EXPORTS.sdkInstance), [ctor]));
      ensureImport(program, SHIM_EXPORTS.sdkInstance, SHIM_RUNTIME_PACKAGE, style);
    },
  };
}

function findSdkConstruction(program: t.Program): t.NewExpression[] {
  const found: t.NewExpression[] = [];
  t.traverseFast(program, (n) => {
    if (!t.isNewExpression(n)) return;
    const c = n.callee;
    const name = t.isIdentifier(c) ? c.name : t.isMemberExpression(c) ? rootName(c) : undefined;
    const from = name ? importOf(name, program) : undefined;
    if (from?.source === 'novita-sdk') found.push(n);
  });
  return found;
}

export function planShimRoute(site: CallSite, program: t.Program, style: FileStyle): RoutePlan {
  const call = site.call;
  if (call.type === 'OptionalCallExpression') return { none: OPTIONAL_CALL };
  if (!t.isCallExpression(call)) return { none: 'a constructor call has no drop-in shim route' };
  switch (site.client) {
    case 'fetch':
      return planFetchCall(call, program, style);
    case 'axios':
      return planAxios(call, program, style);
    case 'got':
    case 'ky':
      return planGotKy(site, call, program, style);
    case 'superagent':
      return planSuperagent(call, program, style);
    case 'wrapper':
      return planWrapper(call, program, style);
    case 'novita-sdk':
      return planSdk(call, program, style);
    case 'xhr':
      return { none: 'XMLHttpRequest is browser code: point it at `novita-migrate shim serve --cors-origin <origin>` (one runtime for submit and polls)' };
  }
}
