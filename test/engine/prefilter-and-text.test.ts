import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFiles, FIXTURES } from './fixture-files.js';
import { analyzeSource } from '../../src/engine/analyze.js';
import { isJsLikeFile } from '../../src/engine/parse.js';
import { mayContainV2Call } from '../../src/engine/prefilter.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { scanTextForV2Urls } from '../../src/engine/text-scan.js';


describe('prefilter', () => {
  it('never rules out a fixture file in which detection finds something', () => {
    const resolver = createCrossFileResolver();
    let withFindings = 0;
    for (const file of allFiles(FIXTURES).filter(isJsLikeFile)) {
      const text = readFileSync(file, 'utf8');
      const result = analyzeSource(text, file, { resolver });
      if ('failure' in result) continue;
      if (result.callSites.length > 0) {
        withFindings++;
        expect(mayContainV2Call(text), file).toBe(true);
      }
    }
    expect(withFindings).toBeGreaterThan(10);
  });

  it('rules out ordinary code', () => {
    expect(mayContainV2Call('export const add = (a, b) => a + b;\nfetch("https://api.example.com/v1/users");')).toBe(false);
    expect(mayContainV2Call(Buffer.from('function setProgress(bar) { bar.value = 1 }'))).toBe(false);
  });
});

describe('text scan of non-JS files', () => {
  it('reports each Novita V2 URL with its line and column', () => {
    const text = 'import requests\n\nAPI = "https://api.novita.ai/v2/upscale"\nr = requests.get(f"https://api.omniinfer.io/v2/progress?task_id={tid}")\nother = "https://example.com/v2/upscale"\nv3 = "https://api.novita.ai/v3/async/upscale"\n';
    expect(scanTextForV2Urls(text)).toEqual([
      { endpoint: 'upscale', url: 'https://api.novita.ai/v2/upscale', span: { line: 3, column: 8, endLine: 3, endColumn: 40 } },
      { endpoint: 'progress', url: 'https://api.omniinfer.io/v2/progress?task_id={tid}', span: { line: 4, column: 20, endLine: 4, endColumn: 70 } },
    ]);
  });
});
