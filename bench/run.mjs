/**
 * `npm run bench`: novita-migrate vs ripgrep (the floor: just reading the
 * bytes), ESLint 9 and ast-grep, side by side in one run, on generated trees:
 * 20,000 files, 200,000 files, and 20,000 files under 750 nested .gitignore
 * files. Each tool is one entry of TOOLS: add a tool by adding an entry;
 * each tree is one entry of SCENARIOS.
 *
 * BENCH_SCENARIOS=20k,200k,gitignore picks trees; BENCH_FILES changes the
 * size of the first; BENCH_TOOLS=novita,ripgrep picks tools; BENCH_RUNS runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree, ignoredDecoys } from './generate-tree.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The CLI as installed: the package's `bin`. */
const binOf = (dir) => join(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin['novita-migrate']);
const FILES = Number(process.env.BENCH_FILES ?? 20000);
const SCENARIOS = [
  { key: '20k', name: `${FILES.toLocaleString('en')} files`, files: FILES },
  // ESLint takes minutes at 20,000 files: at 200,000 it would be most of the bench.
  { key: '200k', name: '200,000 files', files: 200_000, skip: { 'ESLint 9': 'about 10x its 20,000-file time; skipped to keep the bench short' } },
  { key: 'gitignore', name: `${FILES.toLocaleString('en')} files, 750 .gitignore`, files: FILES, gitignores: 750 },
];
/** The tree being measured (tools read it when they run). */
let TREE = '';
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

/** The files stylish lists with a V2 call: a file's path line (absolute), then its messages, each ending in the rule id. */
function foundInStylish(out) {
  const found = new Set();
  let file;
  for (const line of out.stdout.split('\n')) {
    if (line.startsWith('/')) file = line;
    else if (file && / (?:no-v2-upscale|no-v2-progress)$/.test(line)) found.add(relative(TREE, file));
  }
  return [...found];
}

export const TOOLS = [
  {
    name: 'novita-migrate',
    // As a CI gate runs it: the default (stylish) report. `--format json` adds ~15 ms at 20,000 files (5 MB: every clean file has its entry).
    run: () => measure(process.execPath, [binOf(ROOT), '--no-progress', '.'], { cwd: TREE }),
    found: foundInStylish,
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
      run: () => measure(process.execPath, [binOf(baseline), '--no-progress', '.'], { cwd: TREE }),
      found: TOOLS[0].found,
    });
  }
  const wanted = (process.env.BENCH_TOOLS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return wanted.length ? tools.filter((t, i) => i === 0 || wanted.some((w) => t.name.toLowerCase().startsWith(w))) : tools;
}

function benchScenario(scenario) {
  TREE = join(ROOT, 'bench', `.tree-${scenario.files}${scenario.gitignores ? `-gi${scenario.gitignores}` : ''}`);
  console.log(`\n== ${scenario.name}: generating in ${relative(ROOT, TREE)} …`);
  const seeds = generateTree(TREE, scenario.files, 40, { gitignores: scenario.gitignores ?? 0 });
  const decoys = ignoredDecoys(TREE);
  // Warm the page cache so every tool reads from memory.
  measure('rg', ['-l', 'zzzz-warm', '.'], { cwd: TREE });
  const all = selectedTools();
  const skipReason = (tool) => (tool.available && !tool.available() ? tool.missing : scenario.skip?.[tool.name]);
  const tools = all.filter((tool) => !skipReason(tool));
  const runsOf = new Map(tools.map((t) => [t, []]));
  // One unmeasured novita-migrate run (each build): it writes the candidate thread's code cache, as a user's first run does.
  for (const tool of tools) if (tool.name.startsWith('novita-migrate')) tool.run();
  // Rounds, each running every tool once: on a shared machine a burst of load hits all tools alike.
  for (let round = 0; round < RUNS; round++) {
    for (const tool of tools) {
      const runs = runsOf.get(tool);
      // One run for a tool slower than SLOW_MS (ESLint takes minutes).
      if (runs.length > 0 && runs[0].ms >= SLOW_MS) continue;
      runs.push(tool.run());
    }
  }
  const rows = [];
  for (const tool of all) {
    const why = skipReason(tool);
    if (why) {
      rows.push({ name: tool.name, note: `skipped: ${why}` });
      continue;
    }
    const runs = runsOf.get(tool);
    const out = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
    const found = new Set(tool.found(out));
    const missed = seeds.filter((s) => !found.has(s));
    const decoysReported = decoys.filter((d) => found.has(d)).length;
    rows.push({ name: tool.name, ms: out.ms, rssKb: Math.max(...runs.map((r) => r.rssKb)), missed: missed.length, decoysReported, runs: runs.length });
  }
  const rg = rows.find((r) => r.name.startsWith('ripgrep') && !r.note);
  const decoyColumn = decoys.length ? `  ignored files reported (of ${decoys.length})` : '';
  console.log(`${'tool'.padEnd(26)} ${'wall'.padStart(9)} ${'files/s'.padStart(9)} ${'vs ripgrep'.padStart(11)} ${'peak RSS'.padStart(10)}  seeded calls found  runs (median)${decoyColumn}`);
  for (const r of rows) {
    if (r.note) {
      console.log(`${r.name.padEnd(26)} ${r.note}`);
      continue;
    }
    const ratio = rg ? `${(r.ms / rg.ms).toFixed(2)}x` : '-';
    console.log(
      `${r.name.padEnd(26)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)} ${Math.round(scenario.files / (r.ms / 1000)).toString().padStart(9)} ${ratio.padStart(11)} ${`${Math.round(r.rssKb / 1024)} MB`.padStart(10)}  ${`${seeds.length - r.missed}/${seeds.length}`.padEnd(18)}  ${String(r.runs).padEnd(13)}${decoys.length ? `  ${r.decoysReported}` : ''}`,
    );
  }
  const base = rows[0];
  if (base.missed > 0 || base.decoysReported > 0) {
    console.log(`novita-migrate missed ${base.missed} seeded calls, reported ${base.decoysReported} ignored files`);
    process.exitCode = 1;
  }
  return { scenario, base, rg };
}

function main() {
  if (spawnSync('/usr/bin/time', ['true']).status !== 0) {
    console.error('bench needs /usr/bin/time (Debian package "time")');
    process.exit(2);
  }
  const wanted = (process.env.BENCH_SCENARIOS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const results = SCENARIOS.filter((s) => !wanted.length || wanted.includes(s.key)).map(benchScenario);
  // The issue's targets: at most 5x ripgrep at 20,000 files, 3x at 200,000, peak RSS at most 200 MB at 200,000.
  console.log('');
  for (const { scenario, base, rg } of results) {
    if (!rg) continue;
    const x = base.ms / rg.ms;
    const limit = scenario.files >= 200_000 ? 3 : 5;
    const rss = Math.round(base.rssKb / 1024);
    const rssNote = scenario.files >= 200_000 ? `, peak RSS ${rss} MB (target: at most 200 MB) ${rss <= 200 ? 'OK' : 'OVER TARGET'}` : '';
    console.log(`${scenario.name}: novita-migrate / ripgrep = ${x.toFixed(1)}x (target: at most ${limit}x) ${x <= limit ? 'OK' : 'OVER TARGET'}${rssNote}`);
  }
}

/** The shim's numbers (issue: local pipeline time, memory, per-request overhead) in the same run. */
function shimBenches() {
  if (process.env.BENCH_SKIP_SHIM) return;
  for (const script of ['shim-pipeline.mjs', 'shim-overhead.mjs', 'shim-redis.mjs']) {
    console.log('');
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', script)], { stdio: 'inherit' });
    // A shim bench that fails (or misses its targets) fails `npm run bench` too.
    if (r.status !== 0) {
      console.log(`bench/${script} exited with ${r.status ?? r.signal}`);
      process.exitCode = 1;
    }
  }
}

main();
shimBenches();
