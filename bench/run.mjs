/**
 * `npm run bench`: novita-migrate vs ripgrep (the floor: just reading the
 * bytes) on the same generated 20,000-file tree, side by side in one run.
 * Each tool is one entry of TOOLS: add a tool by adding an entry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './generate-tree.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TREE = join(ROOT, 'bench', '.tree');
const FILES = Number(process.env.BENCH_FILES ?? 20000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SLOW_MS = 30_000;

/** Runs a command, returning wall time (ms), peak RSS (KB) and stdout. */
function measure(cmd, args, opts = {}) {
  const timeArgs = ['-f', '%M', cmd, ...args];
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', timeArgs, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rssKb = Number((r.stderr.trim().split('\n').pop() ?? '').trim()) || NaN;
  return { ms, rssKb, stdout: r.stdout, status: r.status, stderr: r.stderr };
}

export const TOOLS = [
  {
    name: 'novita-migrate',
    run: () => measure(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), '--format', 'json', '--no-progress', '.'], { cwd: TREE }),
    found: (out) => JSON.parse(out.stdout).filter((r) => r.messages.some((m) => m.ruleId === 'no-v2-upscale' || m.ruleId === 'no-v2-progress')).map((r) => relative(TREE, r.filePath)),
  },
  {
    name: 'ripgrep (rg -l)',
    available: () => spawnSync('rg', ['--version']).status === 0,
    missing: 'install ripgrep: apt-get install ripgrep',
    run: () => measure('rg', ['-l', '--no-messages', '(api\\.novita\\.ai|api\\.omniinfer\\.io|novita-sdk)', '.'], { cwd: TREE }),
    // rg is the floor for reading bytes; it cannot tell a V2 call from a V3 one.
    found: (out) => out.stdout.split('\n').filter(Boolean).map((l) => l.replace(/^\.\//, '')),
  },
];

const require = createRequire(import.meta.url);
const V2_RE = '/v2/(upscale|progress)';
const SDK_METHODS = '^(upscale|upscaleSync|progress)$';

/** ESLint 9 with the closest equivalent: no-restricted-syntax selectors for V2 URL literals and SDK calls. */
function eslintConfigDir() {
  const dir = mkdtempSync(join(tmpdir(), 'nm-bench-eslint-'));
  const tsParser = pathToFileURL(require.resolve('@typescript-eslint/parser')).href;
  writeFileSync(
    join(dir, 'eslint.config.mjs'),
    `import tsParser from ${JSON.stringify(tsParser)};
export default [{
  files: ['**/*.{js,mjs,cjs,ts,tsx}'],
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
}, {
  // ESLint's own parser (espree) for JS; @typescript-eslint/parser only where TypeScript needs it.
  files: ['**/*.{ts,tsx}'],
  languageOptions: { parser: tsParser },
}, {
  files: ['**/*.{js,mjs,cjs,ts,tsx}'],
  rules: { 'no-restricted-syntax': ['error',
    { selector: 'Literal[value=/v2.(upscale|progress)/]', message: 'V2 upscale URL' },
    { selector: 'TemplateElement[value.raw=/v2.(upscale|progress)/]', message: 'V2 upscale URL' },
    { selector: 'CallExpression[callee.property.name=/${SDK_METHODS}/]', message: 'novita-sdk V2 call' },
  ] },
}];
`,
  );
  return join(dir, 'eslint.config.mjs');
}

/** ast-grep with the equivalent rules, one per language. */
function astGrepRules() {
  const rules = [];
  for (const language of ['TypeScript', 'Tsx', 'JavaScript']) {
    rules.push(`id: v2-url-${language}\nlanguage: ${language}\nseverity: error\nrule:\n  kind: string_fragment\n  regex: "${V2_RE}"`);
    rules.push(`id: v2-sdk-${language}\nlanguage: ${language}\nseverity: error\nrule:\n  kind: call_expression\n  has:\n    field: function\n    kind: member_expression\n    has:\n      field: property\n      regex: "${SDK_METHODS}"`);
  }
  return rules.join('\n---\n');
}

TOOLS.push(
  {
    name: 'ESLint 9',
    run: () => measure(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '-c', eslintConfigDir(), '--format', 'json', '--no-warn-ignored', '.'], { cwd: TREE }),
    found: (out) => JSON.parse(out.stdout).filter((r) => r.messages.some((m) => m.ruleId === 'no-restricted-syntax')).map((r) => relative(TREE, r.filePath)),
  },
  {
    name: 'ast-grep',
    available: () => spawnSync(join(ROOT, 'node_modules/.bin/ast-grep'), ['--version']).status === 0,
    missing: 'npm install (it is a devDependency: @ast-grep/cli)',
    run: () => measure(join(ROOT, 'node_modules/.bin/ast-grep'), ['scan', '--inline-rules', astGrepRules(), '--json=compact', '.'], { cwd: TREE }),
    found: (out) => [...new Set(JSON.parse(out.stdout || '[]').map((m) => m.file.replace(/^\.\//, '')))],
  },
);

/**
 * `BENCH_TOOLS=novita,ripgrep` runs only the tools whose names start with one of these (ESLint takes minutes);
 * `BENCH_BASELINE=/path/to/another/checkout` (built) adds its novita-migrate as a row, measured in the same run.
 */
function selectedTools() {
  const baseline = process.env.BENCH_BASELINE;
  const tools = [...TOOLS];
  if (baseline) {
    tools.splice(1, 0, {
      name: 'novita-migrate (baseline)',
      run: () => measure(process.execPath, [join(baseline, 'dist/src/cli/main.js'), '--format', 'json', '--no-progress', '.'], { cwd: TREE }),
      found: TOOLS[0].found,
    });
  }
  const wanted = (process.env.BENCH_TOOLS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return wanted.length ? tools.filter((t, i) => i === 0 || wanted.some((w) => t.name.toLowerCase().startsWith(w))) : tools;
}

function main() {
  if (spawnSync('/usr/bin/time', ['true']).status !== 0) {
    console.error('bench needs /usr/bin/time (Debian package "time")');
    process.exit(2);
  }
  console.log(`generating ${FILES} files in ${relative(ROOT, TREE)} …`);
  const seeds = generateTree(TREE, FILES);
  // Warm the page cache so every tool reads from memory.
  spawnSync('cat', ['-'], { input: '' });
  measure('rg', ['-l', 'zzzz-warm', '.'], { cwd: TREE });
  // Rounds, each running every tool once: on a shared machine a burst of load hits all tools alike.
  const tools = selectedTools().filter((tool) => !tool.available || tool.available());
  const skipped = selectedTools().filter((tool) => tool.available && !tool.available());
  const runsOf = new Map(tools.map((t) => [t, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const tool of tools) {
      const runs = runsOf.get(tool);
      // One run for a tool slower than SLOW_MS (ESLint takes minutes).
      if (runs.length > 0 && runs[0].ms >= SLOW_MS) continue;
      runs.push(tool.run());
    }
  }
  const rows = [];
  for (const tool of tools) {
    const runs = runsOf.get(tool);
    const out = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
    const found = new Set(tool.found(out));
    const missed = seeds.filter((s) => !found.has(s));
    rows.push({ name: tool.name, ms: out.ms, rssKb: Math.max(...runs.map((r) => r.rssKb)), missed: missed.length, runs: runs.length });
  }
  for (const tool of skipped) rows.push({ name: tool.name, note: `skipped: ${tool.missing}` });
  const base = rows[0];
  console.log(`\n${'tool'.padEnd(22)} ${'wall'.padStart(9)} ${'files/s'.padStart(9)} ${'vs novita-migrate'.padStart(18)} ${'peak RSS'.padStart(10)}  seeded calls found  runs (median)`);
  for (const r of rows) {
    if (r.note) {
      console.log(`${r.name.padEnd(22)} ${r.note}`);
      continue;
    }
    const ratio = r.ms / base.ms;
    console.log(
      `${r.name.padEnd(22)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)} ${Math.round(FILES / (r.ms / 1000)).toString().padStart(9)} ${`${ratio.toFixed(2)}x`.padStart(18)} ${`${Math.round(r.rssKb / 1024)} MB`.padStart(10)}  ${`${seeds.length - r.missed}/${seeds.length}`.padEnd(18)}  ${r.runs}`,
    );
  }
  const rg = rows.find((r) => r.name.startsWith('ripgrep') && !r.note);
  if (rg) {
    const x = base.ms / rg.ms;
    console.log(`\nnovita-migrate / ripgrep = ${x.toFixed(1)}x (target, issue 11: at most 5x at 20,000 files) ${x <= 5 ? "OK" : "OVER TARGET"}`);
  }
  const eslint = rows.find((r) => r.name.startsWith('ESLint') && !r.note);
  if (eslint) console.log(`ESLint / novita-migrate = ${(eslint.ms / base.ms).toFixed(1)}x (target: at least 10x) ${eslint.ms / base.ms >= 10 ? 'OK' : 'UNDER TARGET'}`);
  const sg = rows.find((r) => r.name.startsWith('ast-grep') && !r.note);
  if (sg) console.log(`ast-grep / novita-migrate = ${(sg.ms / base.ms).toFixed(2)}x (target: novita-migrate faster) ${sg.ms > base.ms ? 'OK' : 'SLOWER'}`);
  if (base.missed > 0) {
    console.log(`novita-migrate missed ${base.missed} seeded calls`);
    process.exitCode = 1;
  }
}

/** The shim's numbers (issue: local pipeline time, memory, per-request overhead) in the same run. */
function shimBenches() {
  if (process.env.BENCH_SKIP_SHIM) return;
  for (const script of ['shim-pipeline.mjs', 'shim-overhead.mjs', 'shim-redis.mjs']) {
    console.log('');
    spawnSync(process.execPath, [join(ROOT, 'bench', script)], { stdio: 'inherit' });
  }
}

main();
shimBenches();
