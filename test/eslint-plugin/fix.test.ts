/**
 * `eslint --fix` with the plugin rewrites exactly the flows `novita-migrate
 * fix` rewrites to plain V3, to the same text; the shim route is a
 * suggestion; a TODO is neither. Real ESLint: the Linter class (what
 * `eslint --fix` runs, up to 10 passes) and the `eslint` binary.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';
import { transformSource } from '../../transforms/upscale-v2-to-v3.js';
import { lintText } from '../../src/lint/lint-text.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import type { CallSite } from '../../src/engine/types.js';
import { CLI } from '../lint/helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIX_FIXTURES = join(ROOT, '__fixtures__/fix');
const MIXED = join(ROOT, '__fixtures__/eslint-plugin/mixed-flows.ts');

const ALL_RULES = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`novita-migrate/${id}`, 'error' as const]));

function configFor(file: string, rules: Linter.RulesRecord = ALL_RULES): Linter.Config[] {
  return [
    {
      files: ['**/*.{js,cjs,mjs,ts,tsx}'],
      plugins: { 'novita-migrate': plugin },
      rules,
      languageOptions: { sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module', ...(/\.tsx?$/.test(file) ? { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } : {}) },
    },
  ];
}

/** What `eslint --fix` makes of a file (the Linter's fix loop). */
function eslintFix(text: string, file: string, rules?: Linter.RulesRecord): Linter.FixReport {
  return new Linter({ cwd: dirname(file) }).verifyAndFix(text, configFor(file, rules), { filename: file });
}

function lint(text: string, file: string, rules?: Linter.RulesRecord): Linter.LintMessage[] {
  return new Linter({ cwd: dirname(file) }).verify(text, configFor(file, rules), file);
}

/** fix's own output for the flows it rewrites to plain V3 (and nothing else): what eslint --fix must equal. */
/** As `novita-migrate fix` runs: only on the calls lint reports (disable comments apply). */
function reportedBy(text: string, file: string): (s: CallSite) => boolean {
  const keys = new Set(lintText(text.replace(/^\uFEFF/, ''), file, { resolver: createCrossFileResolver() }).messages.filter((m) => m.ruleId === 'no-v2-upscale' || m.ruleId === 'no-v2-progress').map((m) => `${m.line}:${m.column}`));
  return (s) => keys.has(`${s.span.line}:${s.span.column}`);
}

function fixOfV3Flows(text: string, file: string): { output: string; v3Calls: number } {
  const isReported = reportedBy(text, file);
  const all = transformSource(text.replace(/^\uFEFF/, ''), file, { project: { blockingPolls: [] }, isEnabled: isReported });
  const v3Lines = new Set(all.outcomes.filter((o) => o.kind === 'plain-v3').map((o) => o.line));
  if (v3Lines.size === 0) return { output: text, v3Calls: 0 };
  const only = transformSource(text.replace(/^\uFEFF/, ''), file, { project: { blockingPolls: [] }, isEnabled: (s) => isReported(s) && v3Lines.has(s.span.line) });
  return { output: (text.startsWith('\uFEFF') ? '\uFEFF' : '') + only.output!, v3Calls: v3Lines.size };
}

const fixtureInput = (name: string): string => join(FIX_FIXTURES, name, readdirSync(join(FIX_FIXTURES, name)).find((f) => f.startsWith('input.'))!);
const outputOf = (input: string): string => readFileSync(input.replace(/input\.(\w+)$/, 'output.$1'), 'utf8');

describe('eslint --fix == novita-migrate fix, flow by flow', () => {
  const names = readdirSync(FIX_FIXTURES);

  it.each(names)('fix fixture %s: the V3 flows, and nothing else', (name) => {
    const input = fixtureInput(name);
    const text = readFileSync(input, 'utf8');
    const expected = fixOfV3Flows(text, input);
    const fixed = eslintFix(text, input);
    expect(fixed.messages.filter((m) => m.fatal)).toEqual([]);
    expect(fixed.output).toBe(expected.output);
    expect(fixed.fixed).toBe(expected.v3Calls > 0);
    // Whole-file V3 fixtures: the fixture's own output file, byte for byte.
    const outcomes = transformSource(text.replace(/^\uFEFF/, ''), input, { project: { blockingPolls: [] }, isEnabled: reportedBy(text, input) }).outcomes;
    if (outcomes.length > 0 && outcomes.every((o) => o.kind === 'plain-v3')) expect(fixed.output).toBe(outputOf(input));
    // A fixed point: a second run changes nothing.
    expect(eslintFix(fixed.output, input).fixed).toBe(false);
  });

  it('covers whole-file V3 fixtures and files it leaves alone', () => {
    const wholeV3 = names.filter((n) => {
      const input = fixtureInput(n);
      const text = readFileSync(input, 'utf8');
      const o = transformSource(text.replace(/^\uFEFF/, ''), input, { project: { blockingPolls: [] }, isEnabled: reportedBy(text, input) }).outcomes;
      return o.length > 0 && o.every((x) => x.kind === 'plain-v3');
    });
    expect(wholeV3.sort()).toEqual(['compiled-awaiter-v3', 'disable-next-line', 'flow-closed-v3', 'flow-linked-v3', 'format-double-tabs-nosemi', 'sdk-enum-closed-flow', 'sdk-vendored']);
  });

  it('a file mixing V3 flows (two with interleaved edits), a shim flow and an open submit', () => {
    const text = readFileSync(MIXED, 'utf8');
    const messages = lint(text, MIXED);
    const decisions = messages.filter((m) => m.ruleId?.startsWith('novita-migrate/no-v2-')).map((m) => `${m.line}:${m.messageId}:${m.fix ? 'fix' : ''}:${m.suggestions?.length ?? 0}`);
    expect(decisions).toEqual(['8:fixV3:fix:0', '13:fixV3:fix:0', '20:fixV3:fix:0', '21:fixV3:fix:0', '28:fixV3:fix:0', '36:fixV3:fix:0', '45:fixShim::1', '48:fixShim::1', '56:fixTodo::0']);
    // The two interleaved flows' ranges overlap: ESLint applies one per pass, and the result is still fix's.
    const [a, b] = [messages.find((m) => m.line === 8)!.fix!.range, messages.find((m) => m.line === 13)!.fix!.range];
    expect(a[0] < b[0] && b[0] < a[1]).toBe(true);
    const expected = fixOfV3Flows(text, MIXED);
    expect(expected.v3Calls).toBe(6);
    const fixed = eslintFix(text, MIXED);
    expect(fixed.output).toBe(expected.output);
    expect(fixed.messages.filter((m) => m.ruleId?.startsWith('novita-migrate/no-v2-')).map((m) => m.messageId)).toEqual(['fixShim', 'fixShim', 'fixTodo']);
  });

  it('a flow with one part disabled (eslint-disable or the rule off) is left whole, as fix leaves it', () => {
    const input = fixtureInput('flow-closed-v3');
    const text = readFileSync(input, 'utf8').replace('    const poll = await fetch(', '    // eslint-disable-next-line novita-migrate/no-v2-progress\n    const poll = await fetch(');
    const disabled = eslintFix(text, input);
    expect(disabled.fixed).toBe(false);
    expect(disabled.messages.find((m) => m.ruleId === 'novita-migrate/no-v2-upscale')!.message).toMatch(/ \[fix: part of its task flow is disabled, so fix keeps the whole flow as it is\]$/);
    const original = readFileSync(input, 'utf8');
    const progressOff = eslintFix(original, input, { ...ALL_RULES, 'novita-migrate/no-v2-progress': 'off' });
    expect(progressOff.fixed).toBe(false);
    // Both endpoint rules on, the other three off: the flow is still fixed (fix acts on endpoint messages).
    const endpointsOnly = eslintFix(original, input, { 'novita-migrate/no-v2-upscale': 'warn', 'novita-migrate/no-v2-progress': 'error' });
    expect(endpointsOnly.output).toBe(outputOf(input));
  });
});

describe('suggestions and decisions in the messages', () => {
  const applySuggestion = (text: string, fix: { range: [number, number]; text: string }): string => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

  it.each(['flow-closed-shim', 'axios-progress'])('%s: the suggestion is what fix writes (shim route + import), on every message of the flow', (name) => {
    const input = fixtureInput(name);
    const text = readFileSync(input, 'utf8');
    const endpoint = lint(text, input).filter((m) => m.ruleId?.startsWith('novita-migrate/no-v2-'));
    expect(endpoint.length).toBeGreaterThan(0);
    for (const m of endpoint) {
      expect(m.fix).toBeUndefined();
      expect(m.message).toMatch(/ \[fix: routes this (?:call|task flow) through novita-migrate-shim \(.+\); a suggestion, no autofix\]$/);
      expect(m.suggestions!.map((s) => s.desc)).toEqual([expect.stringMatching(/^Route this (?:call|task flow) through novita-migrate-shim/)]);
      expect(applySuggestion(text, m.suggestions![0]!.fix)).toBe(outputOf(input));
    }
    expect(eslintFix(text, input).fixed).toBe(false);
  });

  it('a submit whose polls fix would need the whole project to see: a TODO, saying so (stock mode)', () => {
    const input = fixtureInput('fetch-plain');
    const endpoint = lint(readFileSync(input, 'utf8'), input).filter((m) => m.ruleId === 'novita-migrate/no-v2-upscale');
    expect(endpoint).toHaveLength(2);
    for (const m of endpoint) {
      expect([m.messageId, m.fix, m.suggestions]).toEqual(['fixTodo', undefined, undefined]);
      expect(m.message).toContain('[fix: leaves it on V2 with a TODO: ');
      expect(m.message).toContain('run `novita-migrate fix` on the whole project');
    }
  });
});

describe('the eslint binary', () => {
  it('`eslint --fix` writes what `novita-migrate fix` writes, for whole-file V3 fixtures', { timeout: 120_000 }, () => {
    const project = (): string => {
      const dir = mkdtempSync(join(tmpdir(), 'nm-eslint-fix-'));
      for (const name of ['flow-closed-v3', 'format-double-tabs-nosemi', 'sdk-enum-closed-flow']) {
        const input = fixtureInput(name);
        cpSync(input, join(dir, 'src', `${name}${input.slice(input.lastIndexOf('.'))}`));
      }
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      return dir;
    };
    const viaEslint = project();
    for (const name of ['novita-migrate', 'eslint', '@typescript-eslint/parser']) {
      mkdirSync(dirname(join(viaEslint, 'node_modules', name)), { recursive: true });
      symlinkSync(name === 'novita-migrate' ? ROOT : join(ROOT, 'node_modules', name), join(viaEslint, 'node_modules', name), 'dir');
    }
    writeFileSync(
      join(viaEslint, 'eslint.config.js'),
      "import novitaMigrate from 'novita-migrate/eslint-plugin';\nimport tsParser from '@typescript-eslint/parser';\nexport default [novitaMigrate.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser: tsParser } }];\n",
    );
    const eslint = spawnSync(process.execPath, [join(viaEslint, 'node_modules/eslint/bin/eslint.js'), '--fix', 'src'], { cwd: viaEslint, encoding: 'utf8' });
    expect(eslint.stderr).toBe('');
    expect(eslint.status).toBe(0); // every finding fixed
    const viaFix = project();
    const fix = spawnSync(process.execPath, [CLI, 'fix', 'src'], { cwd: viaFix, encoding: 'utf8' });
    expect(fix.status).toBe(0);
    const files = readdirSync(join(viaFix, 'src'));
    expect(files).toHaveLength(3);
    for (const f of files) {
      const written = readFileSync(join(viaFix, 'src', f), 'utf8');
      expect(written, f).not.toBe(readFileSync(fixtureInput(f.replace(/\.\w+$/, '')), 'utf8'));
      expect(readFileSync(join(viaEslint, 'src', f), 'utf8'), f).toBe(written);
    }
  });
});
