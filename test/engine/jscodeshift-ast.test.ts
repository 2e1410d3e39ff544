import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jscodeshift from 'jscodeshift';
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { analyzeAst } from '../../src/engine/analyze.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';

const fixture = (rel: string) => fileURLToPath(new URL(`../../__fixtures__/${rel}`, import.meta.url));

// jscodeshift's `babel` parser produces ESTree nodes (Literal, Property): JS files go through `babylon`, which is Babel's AST.
describe("analyzeAst on jscodeshift's own AST", () => {
  it.each([
    ['ts', 'sample-app/src/api/upscale-fetch.ts'],
    ['tsx', 'sample-app/src/ui/UpscaleButton.tsx'],
    ['babylon', 'sample-app/src/api/other-clients.js'],
    ['babylon', 'sample-app/src/legacy/http.cjs'],
  ])('parser %s: returns the very nodes of the tree it was given', (parser, rel) => {
    const file = fixture(rel);
    const j = jscodeshift.withParser(parser);
    const root = j(readFileSync(file, 'utf8'));
    const ast = root.get().node as t.File;
    const analysis = analyzeAst(ast, file, { resolver: createCrossFileResolver() });
    expect(analysis.callSites.length).toBeGreaterThan(0);
    const calls = new Set(root.find(j.CallExpression).nodes());
    for (const site of analysis.callSites) expect(calls.has(site.call as never)).toBe(true);
    // Editing a returned node changes the printed file.
    const first = analysis.callSites[0]!;
    const before = root.toSource();
    (first.call as t.CallExpression).arguments = [];
    expect(root.toSource()).not.toBe(before);
  });
});
