/**
 * `npm run bench`: novita-migrate vs ripgrep (the floor: just reading the
 * bytes) on the same generated 20,000-file tree, side by side in one run.
 * Each tool is one entry of TOOLS: add a tool by adding an entry.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './generate-tree.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TREE = join(ROOT, 'bench', '.tree');
const FILES = Number(process.env.BENCH_FILES ?? 20000);

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
  const rows = [];
  for (const tool of TOOLS) {
    if (tool.available && !tool.available()) {
      rows.push({ name: tool.name, note: `skipped: ${tool.missing}` });
      continue;
    }
    const out = tool.run();
    const found = new Set(tool.found(out));
    const missed = seeds.filter((s) => !found.has(s));
    rows.push({ name: tool.name, ms: out.ms, rssKb: out.rssKb, missed: missed.length });
  }
  const base = rows[0];
  console.log(`\n${'tool'.padEnd(22)} ${'wall'.padStart(9)} ${'files/s'.padStart(9)} ${'vs novita-migrate'.padStart(18)} ${'peak RSS'.padStart(10)}  seeded calls found`);
  for (const r of rows) {
    if (r.note) {
      console.log(`${r.name.padEnd(22)} ${r.note}`);
      continue;
    }
    const ratio = r.ms / base.ms;
    console.log(
      `${r.name.padEnd(22)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)} ${Math.round(FILES / (r.ms / 1000)).toString().padStart(9)} ${`${ratio.toFixed(2)}x`.padStart(18)} ${`${Math.round(r.rssKb / 1024)} MB`.padStart(10)}  ${seeds.length - r.missed}/${seeds.length}`,
    );
  }
  const rg = rows.find((r) => r.name.startsWith('ripgrep') && !r.note);
  if (rg) {
    const x = base.ms / rg.ms;
    console.log(`\nnovita-migrate / ripgrep = ${x.toFixed(1)}x (target: at most 8x) ${x <= 8 ? 'OK' : 'OVER TARGET'}`);
  }
  if (base.missed > 0) {
    console.log(`novita-migrate missed ${base.missed} seeded calls`);
    process.exitCode = 1;
  }
}

/** The shim's numbers (issue: local pipeline time, memory, per-request overhead) in the same run. */
function shimBenches() {
  if (process.env.BENCH_SKIP_SHIM) return;
  for (const script of ['shim-pipeline.mjs', 'shim-overhead.mjs']) {
    console.log('');
    spawnSync(process.execPath, [join(ROOT, 'bench', script)], { stdio: 'inherit' });
  }
}

main();
shimBenches();
