/**
 * Is this call a request to a Novita V2 endpoint, and through which client?
 * One function per client shape; each says where the URL, the base URL and
 * the body are.
 */
import * as t from '@babel/types';
import type { V2Endpoint } from '../spec/endpoints.js';
import type { NodePath } from './babel-traverse.js';
import { isForeignRequest } from './foreign-request.js';
import { instanceBase, libraryOf, type LibraryRef } from './library-of.js';
import { readRequestBody } from './request-body.js';
import { spanOf } from './span.js';
import { evaluate, findObjectProperty, joinUrl, UNKNOWN_PART, type EvalContext, type SValue } from './static-value.js';
import type { CallSite, ClientKind } from './types.js';
import { matchV2Url, matchV3ReplacementUrl } from './url.js';
import { novitaSdkSpeaksV2 } from './novita-sdk-version.js';
import { SHIM_MODULES } from '../spec/shim-runtime.js';

interface RequestShape {
  client: ClientKind;
  url?: NodePath;
  base?: NodePath;
  body?: NodePath;
  /** For SDK calls the endpoint comes from the method, not a URL. */
  endpoint?: V2Endpoint;
}

const BODY_METHODS = new Set(['post', 'put', 'patch']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);
const SDK_METHODS: Record<string, V2Endpoint> = { upscale: 'upscale', upscaleSync: 'upscale', progress: 'progress' };
/** Calls that take a URL-looking string but never send a request. */
const NEVER_REQUESTS = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll', 'match', 'matchAll', 'test', 'exec', 'split',
  'concat', 'push', 'unshift', 'has', 'set', 'add', 'log', 'info', 'warn', 'error', 'debug', 'trace', 'assert', 'equal', 'toBe',
  'toEqual', 'toContain', 'toMatch', 'toHaveBeenCalledWith', 'URL', 'require', 'resolve', 'join', 'encodeURI', 'encodeURIComponent',
  'redirect', 'navigate', 'route', 'describe', 'it', 'test', 't', 'i18n', 'translate', 'mock', 'intercept', 'nock', 'reply',
  // Server responses and emitters that carry a path as data.
  'send', 'json', 'write', 'end', 'render', 'sendFile', 'location', 'header', 'setHeader', 'emit', 'on', 'once',
]);

function arg(path: NodePath<t.CallExpression>, i: number): NodePath | undefined {
  const a = path.get('arguments')[i];
  return a && !a.isSpreadElement() ? (a as NodePath) : undefined;
}

function prop(objectArg: NodePath | undefined, name: string, ctx: EvalContext): NodePath | undefined {
  if (!objectArg) return undefined;
  const v = evaluate(objectArg, ctx);
  return v.kind === 'object' ? findObjectProperty(v.path, name, ctx) : undefined;
}

function isObjectLike(path: NodePath | undefined, ctx: EvalContext): boolean {
  return !!path && evaluate(path, ctx).kind === 'object';
}

function methodName(callee: NodePath): string | undefined {
  if (callee.isMemberExpression() && !callee.node.computed && t.isIdentifier(callee.node.property)) return callee.node.property.name;
  if (callee.isIdentifier()) return callee.node.name;
  return undefined;
}

/** axios(url, cfg) | axios(cfg) | axios.request(cfg) | axios.post(url, data, cfg) | axios.get(url, cfg) */
function axiosShape(call: NodePath<t.CallExpression>, method: string | undefined, ref: LibraryRef, ctx: EvalContext): RequestShape | undefined {
  const base = instanceBase(ref, ctx);
  const configShape = (cfg: NodePath | undefined): RequestShape => ({ client: 'axios', url: prop(cfg, 'url', ctx), base: prop(cfg, 'baseURL', ctx) ?? base, body: prop(cfg, 'data', ctx) });
  if (method === undefined || method === 'request') {
    const first = arg(call, 0);
    if (isObjectLike(first, ctx)) return configShape(first);
    const cfg = arg(call, 1);
    return { client: 'axios', url: first, base: prop(cfg, 'baseURL', ctx) ?? base, body: prop(cfg, 'data', ctx) };
  }
  if (BODY_METHODS.has(method)) return { client: 'axios', url: arg(call, 0), base: prop(arg(call, 2), 'baseURL', ctx) ?? base, body: arg(call, 1) };
  if (HTTP_METHODS.has(method)) return { client: 'axios', url: arg(call, 0), base: prop(arg(call, 1), 'baseURL', ctx) ?? base };
  return undefined;
}

/** got(url, opts) | got.post(url, { json }) | ky.post(url, { json }) | ky(url, { method, json }) */
function gotKyShape(call: NodePath<t.CallExpression>, method: string | undefined, ref: LibraryRef, ctx: EvalContext): RequestShape | undefined {
  if (method !== undefined && !HTTP_METHODS.has(method)) return undefined;
  const client = ref.library === 'ky' ? 'ky' : 'got';
  let url = arg(call, 0);
  let opts = arg(call, 1);
  if (isObjectLike(url, ctx)) {
    opts = url;
    url = prop(opts, 'url', ctx);
  }
  return { client, url, base: prop(opts, 'prefixUrl', ctx) ?? instanceBase(ref, ctx), body: prop(opts, 'json', ctx) ?? prop(opts, 'body', ctx) };
}

/** fetch(url, { body }) | undici.request(url, { body }) */
function fetchShape(call: NodePath<t.CallExpression>, ctx: EvalContext): RequestShape {
  const first = arg(call, 0);
  // fetch(new Request(url, { body }))
  if (first?.isNewExpression() && t.isIdentifier(first.node.callee, { name: 'Request' })) {
    const args = first.get('arguments');
    const init = args[1] && !args[1].isSpreadElement() ? (args[1] as NodePath) : undefined;
    return { client: 'fetch', url: args[0] as NodePath | undefined, body: prop(init, 'body', ctx) };
  }
  return { client: 'fetch', url: first, body: prop(arg(call, 1), 'body', ctx) };
}

/** request.post(url).set(…).send(body) — the body comes later in the chain. */
function superagentShape(call: NodePath<t.CallExpression>, method: string | undefined): RequestShape | undefined {
  let url: NodePath | undefined;
  if (method === undefined) url = arg(call, 1); // request('POST', url)
  else if (HTTP_METHODS.has(method)) url = arg(call, 0);
  else return undefined;
  let body: NodePath | undefined;
  let p: NodePath = call;
  while (p.parentPath?.isMemberExpression() && p.parentPath.parentPath?.isCallExpression()) {
    const member = p.parentPath as NodePath<t.MemberExpression>;
    const next = member.parentPath as NodePath<t.CallExpression>;
    if (t.isIdentifier(member.node.property, { name: 'send' })) body = arg(next, 0);
    p = next;
  }
  return { client: 'superagent', url, body };
}

/** xhr.open('POST', url) … xhr.send(JSON.stringify(body)) */
function xhrShape(call: NodePath<t.CallExpression>, method: string | undefined): RequestShape | undefined {
  if (method !== 'open') return undefined;
  const verb = arg(call, 0);
  if (!verb?.isStringLiteral()) return undefined;
  const callee = call.get('callee') as NodePath<t.MemberExpression>;
  let body: NodePath | undefined;
  const object = callee.get('object');
  if (object.isIdentifier()) {
    const binding = object.scope.getBinding(object.node.name);
    for (const ref of binding?.referencePaths ?? []) {
      const m = ref.parentPath;
      if (m?.isMemberExpression() && t.isIdentifier(m.node.property, { name: 'send' }) && m.parentPath?.isCallExpression()) {
        body = arg(m.parentPath as NodePath<t.CallExpression>, 0);
      }
    }
  }
  return { client: 'xhr', url: arg(call, 1), body };
}

function sdkShape(call: NodePath<t.CallExpression>, method: string | undefined): RequestShape | undefined {
  const endpoint = method ? SDK_METHODS[method] : undefined;
  if (!endpoint) return undefined;
  return { client: 'novita-sdk', endpoint, body: endpoint === 'upscale' ? arg(call, 0) : undefined };
}

/** A route definition (`app.post('/v2/upscale', handler)`) has a function among its arguments. */
function looksLikeRoute(call: NodePath<t.CallExpression>, ctx: EvalContext): boolean {
  const args = call.get('arguments');
  const isRouteOptions = (a: NodePath | undefined): boolean =>
    !!a?.isObjectExpression() && (findObjectProperty(a, 'handler', ctx) !== undefined || findObjectProperty(a, 'schema', ctx) !== undefined);
  return args.slice(1).some((a) => {
    if (a.isFunction()) return true;
    if (a.isIdentifier() || a.isMemberExpression()) return evaluate(a as NodePath, ctx).kind === 'function';
    return isRouteOptions(a as NodePath);
  }) || isRouteOptions(args[0] as NodePath | undefined);
}

/** Receivers that, by convention, define routes rather than send requests. */
const ROUTE_RECEIVERS = /^(?:app|router|server|fastify|hono|koa|express|routes?|\w*Router)$/;
/** Names of handlers and middleware imported from elsewhere (their value is unknown here). */
const HANDLER_NAME = /handl|controller|middleware|auth|guard|validat|limiter|cors|^on[A-Z]/i;

/**
 * A relative path on a server-ish receiver (`router.get('/v2/progress', …)`), or
 * followed by a handler-like name or a middleware chain, is a route, even when
 * the handler's value cannot be resolved (it is imported).
 */
function looksLikeRouteByShape(call: NodePath<t.CallExpression>, ctx: EvalContext): boolean {
  const callee = call.get('callee');
  if (!callee.isMemberExpression()) return false;
  const method = methodName(callee);
  if (!method || !(HTTP_METHODS.has(method) || method === 'all' || method === 'use' || method === 'route')) return false;
  const receiver = callee.node.object;
  if (t.isIdentifier(receiver) && ROUTE_RECEIVERS.test(receiver.name)) return true;
  const rest = call.get('arguments').slice(1);
  const nameOf = (a: NodePath): string | undefined =>
    a.isIdentifier() ? a.node.name : a.isMemberExpression() && t.isIdentifier(a.node.property) ? a.node.property.name : undefined;
  if (rest.some((a) => HANDLER_NAME.test(nameOf(a as NodePath) ?? ''))) return true;
  // `app.post(path, auth, limiter, handle)`: several unknown functions after the path.
  const unknownRefs = rest.filter((a) => (a.isIdentifier() || a.isMemberExpression()) && evaluate(a as NodePath, ctx).kind === 'unknown');
  return rest.length >= 2 && unknownRefs.length === rest.length;
}

/** A custom wrapper: `post(UPSCALE_URL, body)`, `httpFetch({ url: '/v2/upscale', data })`. */
function wrapperShape(call: NodePath<t.CallExpression>, ctx: EvalContext): RequestShape | undefined {
  const first = arg(call, 0);
  if (!first) return undefined;
  if (isObjectLike(first, ctx)) {
    const url = prop(first, 'url', ctx) ?? prop(first, 'path', ctx) ?? prop(first, 'endpoint', ctx);
    if (!url) return undefined;
    return { client: 'wrapper', url, base: prop(first, 'baseURL', ctx) ?? prop(first, 'baseUrl', ctx), body: prop(first, 'data', ctx) ?? prop(first, 'body', ctx) ?? prop(first, 'json', ctx) };
  }
  const second = arg(call, 1);
  const body = isObjectLike(second, ctx) ? (prop(second, 'body', ctx) ?? prop(second, 'data', ctx) ?? prop(second, 'json', ctx) ?? second) : second;
  return { client: 'wrapper', url: first, body };
}

/**
 * `client.send(<string>"https://api.novita.ai/v2/upscale", body)`: `send` usually answers a server request
 * (`res.send(data)`), but with a full Novita V2 URL and something to send it is a client's.
 */
function sendsToNovita(call: NodePath<t.CallExpression>, method: string, ctx: EvalContext): boolean {
  if (method !== 'send' || call.node.arguments.length < 2) return false;
  const first = arg(call, 0);
  const url = first ? evaluate(first, ctx) : undefined;
  return url?.kind === 'string' && !!matchV2Url(url.text)?.host;
}

function shapeOf(call: NodePath<t.CallExpression>, ctx: EvalContext): RequestShape | undefined {
  let callee = call.get('callee') as NodePath;
  // `(fetchImpl ?? fetch)(url)`: the fallback names the client.
  while (callee.isParenthesizedExpression()) callee = callee.get('expression') as NodePath;
  if (callee.isLogicalExpression() && (callee.node.operator === '??' || callee.node.operator === '||')) {
    const right = callee.get('right') as NodePath;
    const left = callee.get('left') as NodePath;
    callee = libraryOf(right, ctx) ? right : libraryOf(left, ctx) ? left : right;
  }
  const method = methodName(callee);
  if (method && (NEVER_REQUESTS.has(method) || /^on[A-Z]/.test(method)) && !sendsToNovita(call, method, ctx)) return undefined;
  if (isMockChain(callee)) return undefined;
  // Already handled by the compat shim (what `fix` routes calls to): not a V2 call any more.
  if (goesThroughShim(call)) return undefined;
  if (callee.isMemberExpression() && t.isIdentifier(callee.node.object, { name: 'console' })) return undefined;

  // The callee itself: fetch(…), axios(…), got(…), upscale(…) from novita-sdk, globalThis.fetch(…)
  const direct = libraryOf(callee, ctx);
  if (direct) {
    switch (direct.library) {
      case 'fetch':
        return fetchShape(call, ctx);
      case 'undici':
        return direct.importedName === 'fetch' || direct.importedName === 'request' ? fetchShape(call, ctx) : undefined;
      case 'axios':
        return axiosShape(call, undefined, direct, ctx);
      case 'got':
      case 'ky':
        return gotKyShape(call, undefined, direct, ctx);
      case 'superagent':
        return superagentShape(call, undefined);
      case 'novita-sdk':
        return direct.sdkInstance || !novitaSdkSpeaksV2(ctx.filePath) ? undefined : sdkShape(call, direct.importedName);
      default:
        return undefined;
    }
  }
  if (callee.isMemberExpression()) {
    const ref = libraryOf(callee.get('object') as NodePath, ctx) ?? globalLibrary(callee.get('object') as NodePath);
    if (ref) {
      switch (ref.library) {
        case 'axios':
          return axiosShape(call, method, ref, ctx);
        case 'got':
        case 'ky':
          return gotKyShape(call, method, ref, ctx);
        case 'superagent':
          return superagentShape(call, method);
        case 'undici':
          return method === 'fetch' || method === 'request' ? fetchShape(call, ctx) : undefined;
        case 'novita-sdk':
          if (!novitaSdkSpeaksV2(ctx.filePath)) return undefined;
          if (method === 'httpFetch') return wrapperShape(call, ctx);
          return sdkShape(call, method);
        case 'xhr':
          return xhrShape(call, method);
        default:
          return undefined;
      }
    }
    if (method === 'open') return xhrShape(call, method);
  }
  // Route definitions are ruled out once the URL is known to be V2 (findCallSite): most calls never get that far.
  return wrapperShape(call, ctx);
}

/** Test doubles that name the URL they intercept: `nock(base).post('/v2/upscale')`, `fetchMock.post(url, …)`. */
const MOCK_ROOTS = new Set(['nock', 'fetchMock', 'fetchMocker', 'mockAxios', 'axiosMock', 'mock', 'moxios', 'sinon', 'td']);

function isMockChain(callee: NodePath): boolean {
  let node: t.Node = callee.node;
  for (;;) {
    if (t.isMemberExpression(node)) node = node.object;
    else if (t.isCallExpression(node)) node = node.callee;
    else break;
  }
  return t.isIdentifier(node) && MOCK_ROOTS.has(node.name);
}

/** Libraries loaded by a `<script>` tag: a free `axios`, `ky` or `superagent`. */
function globalLibrary(path: NodePath): LibraryRef | undefined {
  if (!path.isIdentifier() || path.scope.getBinding(path.node.name)) return undefined;
  const name = path.node.name;
  if (name === 'axios' || name === 'ky' || name === 'superagent') return { library: name };
  return undefined;
}

function textOf(v: SValue): string {
  if (v.kind === 'string') return v.text;
  return UNKNOWN_PART;
}

export function findCallSite(call: NodePath<t.CallExpression>, ctx: EvalContext): CallSite | undefined {
  return classifyCall(call, ctx).v2;
}

/** One look at a call: a V2 request, or a V3 request that replaced one (see `v3SiteOf`), or neither. */
export function classifyCall(call: NodePath<t.CallExpression>, ctx: EvalContext): { v2?: CallSite; v3?: CallSite } {
  const shape = shapeOf(call, ctx);
  if (!shape) return {};
  const v2 = v2SiteOf(call, shape, ctx);
  if (v2) return { v2 };
  const v3 = v3SiteOf(call, shape, ctx);
  return v3 ? { v3 } : {};
}

/** The request's URL as far as it is known (`UNKNOWN_PART` for the rest), its base joined on. */
function urlTextOf(shape: RequestShape, ctx: EvalContext): string | undefined {
  if (!shape.url) return undefined;
  const urlValue = evaluate(shape.url, ctx);
  if (urlValue.kind !== 'string') return undefined;
  const text = urlValue.text;
  return shape.base && !/^[a-z]+:\/\//i.test(text) ? joinUrl(textOf(evaluate(shape.base, ctx)), text) : text;
}

function v2SiteOf(call: NodePath<t.CallExpression>, shape: RequestShape, ctx: EvalContext): CallSite | undefined {
  if (shape.client === 'novita-sdk' && shape.endpoint) {
    return {
      endpoint: shape.endpoint,
      client: 'novita-sdk',
      call: call.node,
      body: shape.body ? readRequestBody(shape.body, ctx) : undefined,
      span: spanOf(call.node),
    };
  }
  const text = urlTextOf(shape, ctx);
  if (text === undefined || !shape.url) return undefined;
  // A wrapper needs a URL that is itself recognisably Novita or a bare V2 path, not just any string.
  const match = matchV2Url(text);
  if (!match) return undefined;
  if (shape.client === 'wrapper' && (looksLikeRoute(call, ctx) || (!match.host && looksLikeRouteByShape(call, ctx)))) return undefined;
  const body = match.endpoint === 'upscale' && shape.body ? readRequestBody(shape.body, ctx) : undefined;
  if (!match.host && isForeignRequest(match.endpoint, text, body)) return undefined;
  return {
    endpoint: match.endpoint,
    client: shape.client,
    call: call.node,
    urlNode: shape.url.node,
    url: text.replaceAll(UNKNOWN_PART, '${…}'),
    host: match.host,
    body,
    span: spanOf(call.node),
  };
}

/**
 * A request to a V3 endpoint that answers what a V2 one did (`POST /v3/async/upscale`,
 * `GET /v3/async/task-result`) on a Novita host: code half-migrated by hand (or
 * by an old `fix`) that still reads the V2 shape from its response. `endpoint`
 * names the V2 endpoint it replaced, so the V2 reads can be told apart.
 */
function v3SiteOf(call: NodePath<t.CallExpression>, shape: RequestShape, ctx: EvalContext): CallSite | undefined {
  if (shape.client === 'novita-sdk' || shape.client === 'wrapper') return undefined;
  const text = urlTextOf(shape, ctx);
  if (text === undefined || !shape.url) return undefined;
  const endpoint = matchV3ReplacementUrl(text);
  if (!endpoint) return undefined;
  return { endpoint, client: shape.client, call: call.node, urlNode: shape.url.node, url: text.replaceAll(UNKNOWN_PART, '${…}'), span: spanOf(call.node) };
}

/** A name imported or required from the shim runtime (`novita-migrate-shim`, its SDK module, `novita-migrate/shim`). */
function isShimBinding(path: NodePath, name: string): boolean {
  const binding = path.scope.getBinding(name);
  const decl = binding?.kind === 'module' ? binding.path.parentPath : undefined;
  if (decl?.isImportDeclaration() && SHIM_MODULES.includes(decl.node.source.value)) return true;
  const init = binding?.path.isVariableDeclarator() ? binding.path.node.init : undefined;
  return !!init && t.isCallExpression(init) && t.isIdentifier(init.callee, { name: 'require' }) && t.isStringLiteral(init.arguments[0]) && SHIM_MODULES.includes(init.arguments[0].value);
}

const isShimValue = (path: NodePath, node: t.Node | null | undefined): boolean =>
  (t.isIdentifier(node) && isShimBinding(path, node.name)) || (t.isCallExpression(node) && t.isIdentifier(node.callee) && isShimBinding(path, node.callee.name));

/**
 * Calls the shim runtime answers (what `fix` routes calls to) are not V2
 * calls any more: `upscaleV2(…)`, `withV2Shim(f)(…)`, `undiciRequestV2(…)`,
 * an `adapter`/`request`/`fetch` option from the shim, a superagent chain
 * with `.use(superagentV2)`, and a wrapper whose own request is routed so.
 */
function goesThroughShim(call: NodePath<t.CallExpression>): boolean {
  const callee = call.node.callee;
  if (isShimValue(call, callee)) return true;
  const optionFromShim = (o: t.Node) =>
    t.isObjectExpression(o) &&
    o.properties.some((p) => t.isObjectProperty(p) && t.isIdentifier(p.key) && ['adapter', 'request', 'fetch'].includes(p.key.name) && isShimValue(call, p.value));
  if (call.node.arguments.some(optionFromShim)) return true;
  // superagent: `.use(superagentV2)` anywhere along the chain after this call.
  let p: NodePath = call;
  while (p.parentPath?.isMemberExpression() && p.parentPath.parentPath?.isCallExpression()) {
    const member = p.parentPath.node;
    const next = p.parentPath.parentPath.node as t.CallExpression;
    if (t.isIdentifier(member.property, { name: 'use' }) && next.arguments.some((a) => isShimValue(call, a))) return true;
    p = p.parentPath.parentPath;
  }
  if (t.isIdentifier(callee)) {
    const binding = call.scope.getBinding(callee.name);
    const fn = binding?.path.isFunctionDeclaration() ? binding.path : binding?.path.isVariableDeclarator() ? (binding.path.get('init') as NodePath) : undefined;
    if (fn?.isFunction()) {
      let routed = false;
      fn.traverse({
        CallExpression(inner: NodePath<t.CallExpression>) {
          if (isShimValue(inner, inner.node.callee)) {
            routed = true;
            inner.stop();
          }
        },
      });
      if (routed) return true;
    }
  }
  return false;
}
