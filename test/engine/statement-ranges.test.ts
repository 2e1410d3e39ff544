/**
 * lint parses only the statements of an ES module that can hold a call. It
 * must lint every fixture exactly as a whole parse does (messages and
 * positions), and on the bench's shape of file (helpers plus one call) blank
 * the helpers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isJsLikeFile } from '../../src/engine/parse.js';
import { parseForLint } from '../../src/engine/parse-for-lint.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { blankIrrelevantStatements } from '../../src/engine/statement-ranges.js';
import { lintText } from '../../src/lint/lint-text.js';
import { allFiles, FIXTURES } from './fixture-files.js';

const helpers = Array.from({ length: 5 }, (_, i) => `export function userToCart${i}(input) {\n  const result = [];\n  for (const entry of input.users ?? []) result.push({ ...entry, cart: helper(entry.cart) });\n  return result.sort((x, y) => x.user - y.user);\n}\n`).join('\n');

describe('linting with irrelevant statements blanked gives what a whole parse gives', () => {
  const files = allFiles().filter(isJsLikeFile);
  const lint = (text: string, file: string, parseWhole: boolean) => lintText(text, file, { resolver: createCrossFileResolver(), parseWhole }).messages;
  it.each(files.map((f) => [f.slice(FIXTURES.length + 1), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    expect(lint(text, file, false)).toEqual(lint(text, file, true));
    // Most fixtures are all call: with helpers after them (as real modules have), the blanking has work to do.
    const padded = `${text}\n${helpers}`;
    expect(lint(padded, file, false)).toEqual(lint(padded, file, true));
  });
});

describe('blankIrrelevantStatements', () => {
  it('keeps the imports, the call and what shares a name with it; blanks the rest in place', () => {
    const src = `#!/usr/bin/env node\n// a module of helpers\nimport { helper } from './helper';\n${helpers}\nconst BASE = 'https://api.novita.ai';\nexport async function up(image) {\n  const r = await fetch(\`\${BASE}/v2/upscale\`, { method: 'POST', body: JSON.stringify({ image }) });\n  return (await r.json()).data.task_id;\n}\n`;
    const b = blankIrrelevantStatements(src)!;
    expect(b.text).toHaveLength(src.length);
    expect(b.text.split('\n')).toHaveLength(src.split('\n').length);
    expect(b.text).not.toContain('userToCart');
    expect(b.text).toContain("import { helper } from './helper';");
    expect(b.text).toContain("const BASE = 'https://api.novita.ai';");
    expect(b.text).toContain('return (await r.json()).data.task_id;');
    expect(b.text.startsWith('#!/usr/bin/env node\n// a module of helpers\n')).toBe(true);
    const parsed = parseForLint(src, 'x.js');
    expect(parsed.ok && parsed.ast.program.body.map((s) => s.type)).toEqual(['ImportDeclaration', 'VariableDeclaration', 'ExportNamedDeclaration']);
  });

  it('keeps a statement that uses an imported value other than by calling it', () => {
    const src = `import { API, log } from './config';\n${helpers}\nexport function send(image) { log(image); return post(API, image); }\nfunction post(u, b) { return fetch(u, { method: 'POST', body: b }); }\n`;
    const b = blankIrrelevantStatements(src)!;
    expect(b.text).toContain('return post(API, image);');
    expect(b.text).toContain('function post(u, b)');
    expect(b.text).not.toContain('userToCart');
  });

  it('links statements by names they bind or use (a spread is a use), not by member names', () => {
    const src = `import { helper } from './helper';\n${helpers}\nconst BODY = { upscaler_1: 'R-ESRGAN 4x+' };\nconst image = 'x';\nconst other = { pic: 1 };\nexport const up = () => fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ ...BODY, img: other. image }) });\n`;
    const b = blankIrrelevantStatements(src)!;
    expect(b.text).toContain("const BODY = { upscaler_1: 'R-ESRGAN 4x+' };");
    expect(b.text).toContain('const other = { pic: 1 };');
    // `other. image` reads a member: the top-level `image` is not linked by it.
    expect(b.text).not.toContain("const image = 'x';");
  });

  it('gives up on what it cannot follow: scripts, JSX, decorators, unbalanced brackets, unterminated literals', () => {
    expect(blankIrrelevantStatements(`${helpers.replace(/export /g, '')}\nfetch('/v2/upscale');\n`)).toBeNull();
    expect(blankIrrelevantStatements(`import React from 'react';\nexport const A = () => <div>it's {1}</div>;\nexport const b = 1;\n`)).toBeNull();
    expect(blankIrrelevantStatements(`import { C } from '@angular/core';\n@C({})\nexport class A {}\nexport const upscale = 1;\n`)).toBeNull();
    expect(blankIrrelevantStatements(`import a from 'a';\nexport const x = (1;\nexport const y = 2;\n`)).toBeNull();
    expect(blankIrrelevantStatements(`import a from 'a';\nexport const x = 'abc;\nexport const y = 2;\n`)).toBeNull();
  });

  it('does not split where a declaration continues the line before (export default, an operator)', () => {
    const src = `import a from 'a';\nexport default\nfunction upscaleImage() { return a; }\nexport const f = 1 +\nfunction () {}.length;\n${helpers}`;
    const parsed = parseForLint(src, 'x.js');
    expect(parsed.ok && parsed.ast.program.body[1]!.type).toBe('ExportDefaultDeclaration');
  });

  it('a regular expression with brackets and quotes in it does not unbalance the scan', () => {
    const src = `import a from 'a';\nconst re = /["{(\\[]/g;\n${helpers}\nexport const up = () => fetch('/v2/upscale', { body: a.replace(re, '') });\n`;
    const b = blankIrrelevantStatements(src)!;
    expect(b.text).toContain('const re = /["{(\\[]/g;');
    expect(b.text).not.toContain('userToCart');
  });
});
