export { parseSource, isJsLikeFile, type ParseResult } from './parse.js';
export { analyzeAst, analyzeSource, type AnalyzeOptions } from './analyze.js';
export { mayContainV2Call } from './prefilter.js';
export { scanTextForV2Urls } from './text-scan.js';
export { createCrossFileResolver, type CrossFileResolver, type CrossFileResolverOptions } from './resolver.js';
export type * from './types.js';
