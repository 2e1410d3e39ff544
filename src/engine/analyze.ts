/** One file in, every V2 call site and V2-only response read out. */
import type * as t from '@babel/types';
import { traverse, type NodePath, type Visitor } from './babel-traverse.js';
import { findCallSite } from './find-call-site.js';
import { parseSource } from './parse.js';
import type { CrossFileResolver } from './resolver.js';
import { findResponseUse } from './response-reads.js';
import { linkTaskFlows, type LinkInput } from './task-flow.js';
import type { CallSite, FileAnalysis, ParseFailure, ResponseRead } from './types.js';

export interface AnalyzeOptions {
  resolver?: CrossFileResolver;
}

export function analyzeAst(ast: t.File, filePath: string, options: AnalyzeOptions = {}): FileAnalysis {
  const callSites: CallSite[] = [];
  const responseReads: ResponseRead[] = [];
  const ctx = { filePath, resolver: options.resolver };
  const links: LinkInput[] = [];
  traverse(ast, {
    CallExpression(path: NodePath<t.CallExpression>) {
      const site = findCallSite(path, ctx);
      if (!site) return;
      callSites.push(site);
      // superagent: the request is the outermost call of the chain.
      let result: NodePath = path;
      if (site.client === 'superagent') {
        while (result.parentPath?.isMemberExpression() && result.parentPath.parentPath?.isCallExpression()) result = result.parentPath.parentPath;
      }
      const use = findResponseUse(result, site);
      const reads = use.reads.map((read) => ({ ...read, call: site.call }));
      responseReads.push(...reads);
      links.push({ site, path, reads, escapes: use.escapes });
    },
  } as Visitor);
  const flows = linkTaskFlows(links, ctx);
  const responseEscapes = new Map(links.map((l) => [l.site, l.escapes]));
  return { filePath, callSites, responseReads, flows, responseEscapes };
}

export function analyzeSource(source: string, filePath: string, options: AnalyzeOptions = {}): FileAnalysis | { failure: ParseFailure } {
  const parsed = parseSource(source, filePath);
  if (!parsed.ok) return { failure: parsed.failure };
  return analyzeAst(parsed.ast, filePath, options);
}
