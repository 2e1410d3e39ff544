/**
 * The engine's contract: what detection produces and what rules (lint),
 * transforms (fix) and the ESLint plugin consume. One detection, three
 * consumers; nothing else re-implements finding a V2 call.
 *
 * Node references are @babel/parser (Babel 7) AST nodes. jscodeshift's
 * `babel`, `ts` and `tsx` parsers produce the same node types, so a transform
 * can hand its own AST to `analyzeAst` and edit the nodes it gets back.
 */
import type * as t from '@babel/types';
import type { V2Endpoint } from '../spec/endpoints.js';
import type { SiteFlow } from './task-flow.js';

/** ESLint-style location: 1-based lines, 1-based columns, end exclusive. */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type ClientKind =
  | 'fetch' // global fetch, node-fetch, undici.fetch/request
  | 'axios'
  | 'got'
  | 'ky'
  | 'superagent'
  | 'xhr'
  | 'wrapper' // a custom function that takes a URL or a { url, data } object
  | 'novita-sdk'; // novita-sdk 1.x: class methods and functional exports

/** What is known statically about one expression. */
export interface StaticValue {
  known: boolean;
  value?: unknown;
}

/** One property of a V2 request body, wherever it was set. */
export interface BodyProperty extends StaticValue {
  name: string;
  /** The key (or assignment target) node: where a finding about this parameter points. */
  keyNode: t.Node;
  /** The value expression, when there is one. */
  valueNode?: t.Node;
  /** The node that sets it: an ObjectProperty, or the ExpressionStatement of `payload.x = …`. */
  origin: t.Node;
  /** Set only on some paths (inside an `if`, a ternary, a loop…). */
  conditional: boolean;
  span: SourceSpan;
  /** Further places that set the same parameter (`payload.x = …` after the literal), in order. */
  otherOrigins?: t.Node[];
}

export interface RequestBody {
  /** The expression handed to the client: `{…}`, `payload`, `JSON.stringify(payload)`, … */
  argument: t.Node;
  /** The object literal the body is built from, when found (possibly in an earlier statement). */
  object?: t.ObjectExpression;
  /** The body went through `JSON.stringify`. */
  stringified: boolean;
  properties: BodyProperty[];
  /** A spread, `Object.assign` or computed key whose keys cannot be known statically. */
  hasUnknownKeys: boolean;
}

/** One request to a V2 endpoint. */
export interface CallSite {
  endpoint: V2Endpoint;
  client: ClientKind;
  /** The call that makes the request: `fetch(…)`, `axios.post(…)`, `sdk.upscale(…)`, `xhr.open(…)`. */
  call: t.CallExpression | t.OptionalCallExpression | t.NewExpression;
  /** The expression or property that carries the URL or path (absent for SDK calls). */
  urlNode?: t.Node;
  /** The resolved URL or path, when known (`https://api.novita.ai/v2/upscale`, `/v2/progress?task_id=…`). */
  url?: string;
  /** The Novita host, when the URL is absolute; undefined for a relative path with a Novita or unknown base. */
  host?: string;
  /** The request body (upscale only; absent when none could be found). */
  body?: RequestBody;
  /** Where lint reports the call. */
  span: SourceSpan;
}

/** A read of a field that only a V2 response has. */
export interface ResponseRead {
  endpoint: V2Endpoint;
  /** The V2 path read, relative to the response body: `data.task_id`, `code`, `data.imgs`, `data.status`. */
  v2Path: string;
  /**
   * The MemberExpression, ObjectProperty (destructuring) or BinaryExpression (status comparisons);
   * for `switch (x.data.status) { case 2: … }` also one read per numeric case, whose node is that case's NumericLiteral.
   */
  node: t.Node;
  /** For `status === 2`-style comparisons: the compared number. */
  comparedStatus?: number;
  span: SourceSpan;
  /** The call whose response is read (`CallSite.call`), so fix can move reads with their request. */
  call?: t.Node;
}

/** A Novita V2 URL found by the text scan in a non-JS file (Python, shell, Markdown, YAML, .env, Go…). */
export interface TextMatch {
  endpoint: V2Endpoint;
  url: string;
  span: SourceSpan;
}

export interface FileAnalysis {
  filePath: string;
  callSites: CallSite[];
  responseReads: ResponseRead[];
  /** The task flow each call belongs to (see task-flow.ts). */
  flows?: Map<CallSite, SiteFlow>;
  /** Uses of each call's response that fix cannot follow (returned, passed on, bracket access…). */
  responseEscapes?: Map<CallSite, string[]>;
  /** V2-shaped reads of a V3 response (`data.task_id` after `POST /v3/async/upscale`): a half-migrated call. */
  staleV3Reads?: ResponseRead[];
}

/** A file that could not be parsed: reported ESLint-style (ruleId null, fatal), never modified. */
export interface ParseFailure {
  message: string;
  line: number;
  column: number;
}
