/** One file in, every V2 call site and V2-only response read out. */
import type * as t from '@babel/types';
import { traverse, type NodePath, type Visitor } from './babel-traverse.js';
import { focusOnCallSites, mayHoldCallSite } from './call-site-evidence.js';
import { classifyCall } from './find-call-site.js';
import { parseSource } from './parse.js';
import type { CrossFileResolver } from './resolver.js';
import { findResponseUse } from './response-reads.js';
import { linkTaskFlows, type LinkInput } from './task-flow.js';
import type { CallSite, FileAnalysis, ParseFailure, ResponseRead } from './types.js';

export interface AnalyzeOptions {
  resolver?: CrossFileResolver;
  /**
   * How much of the file to analyse (see call-site-evidence.ts). `file`
   * (default): all of it, unless nothing in it can be a call site.
   * `statements`: only the statements that can matter, for readers of the
   * result (lint); its paths live in a Program of their own, so a caller that
   * edits the AST (fix) does not use it. `off`: everything, always (tests
   * compare the other two against it).
   */
  focus?: 'statements' | 'file' | 'off';
}

export function analyzeAst(ast: t.File, filePath: string, options: AnalyzeOptions = {}): FileAnalysis {
  // Most files past the byte prefilter name `progress` for a progress bar: they skip the scope crawl.
  const focus = options.focus ?? 'file';
  const focused = focus === 'statements' ? focusOnCallSites(ast) : focus === 'off' || mayHoldCallSite(ast) ? ast : null;
  if (!focused) return { filePath, callSites: [], responseReads: [], flows: new Map(), responseEscapes: new Map(), staleV3Reads: [] };
  const callSites: CallSite[] = [];
  const responseReads: ResponseRead[] = [];
  const ctx = { filePath, resolver: options.resolver };
  const links: LinkInput[] = [];
  const staleV3Reads: ResponseRead[] = [];
  traverse(focused, {
    // `fetch?.(url)` and `(fetchImpl ?? fetch)?.(url)` are calls too: the same shape, optional.
    'CallExpression|OptionalCallExpression'(path: NodePath<t.CallExpression>) {
      const { v2: site, v3 } = classifyCall(path, ctx);
      if (v3) {
        // `code` is fine on V3 (its error body has one); every other V2 path reads `undefined` there.
        const reads = findResponseUse(requestOf(path, v3), v3).reads.filter((r) => r.v2Path !== 'code');
        staleV3Reads.push(...reads.map((read) => ({ ...read, call: v3.call })));
      }
      if (!site) return;
      callSites.push(site);
      const result = requestOf(path, site);
      const use = findResponseUse(result, site);
      const reads = use.reads.map((read) => ({ ...read, call: site.call }));
      // What is the same on V3 is no V2-only read, though flows still follow it to the polls.
      responseReads.push(...reads.filter((read) => !sameOnV3(site, read)));
      links.push({ site, path, reads, escapes: use.escapes });
    },
  } as Visitor);
  const flows = linkTaskFlows(links, ctx);
  const responseEscapes = new Map(links.map((l) => [l.site, l.escapes]));
  return { filePath, callSites, responseReads, flows, responseEscapes, staleV3Reads };
}

/** novita-sdk 1.x unwraps `data`: `upscale()` and `upscaleV3()` both resolve to `{ task_id }`. */
function sameOnV3(site: CallSite, read: ResponseRead): boolean {
  return site.client === 'novita-sdk' && site.endpoint === 'upscale' && read.v2Path === 'data.task_id';
}

/** The expression whose value is the response: superagent's is the outermost call of the chain. */
function requestOf(path: NodePath<t.CallExpression>, site: CallSite): NodePath {
  let result: NodePath = path;
  if (site.client === 'superagent') {
    while (result.parentPath?.isMemberExpression() && result.parentPath.parentPath?.isCallExpression()) result = result.parentPath.parentPath;
  }
  return result;
}

export function analyzeSource(source: string, filePath: string, options: AnalyzeOptions = {}): FileAnalysis | { failure: ParseFailure } {
  const parsed = parseSource(source, filePath);
  if (!parsed.ok) return { failure: parsed.failure };
  return analyzeAst(parsed.ast, filePath, options);
}
