/**
 * A deterministic synthetic monorepo: N JS/TS files of realistic size
 * (~4-5 KB), a few dozen seeded V2 calls in several client styles, and
 * distractors (other hosts' /v2/upscale, progress bars, V3 calls).
 *
 * `gitignores` (the .gitignore-heavy variant) spreads the files over
 * `gitignores` directories, each with its own .gitignore (nested: one per
 * package, one per source directory), and adds an ignored file with a V2
 * call next to each: a tool that reports one does not honour .gitignore.
 */
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tiny deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  (i) => `export async function up${i}(image) {\n  const r = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });\n  return (await r.json()).data.task_id;\n}\n`,
  (i) => `import axios from 'axios';\nconst api${i} = axios.create({ baseURL: 'https://api.novita.ai' });\nexport const poll${i} = (id) => api${i}.get(\`/v2/progress?task_id=\${id}\`);\n`,
  (i) => `import got from 'got';\nexport const g${i} = (image) => got.post('https://api.omniinfer.io/v2/upscale', { json: { image, gfpgan_visibility: 0.5 } }).json();\n`,
  (i) => `import { NovitaSDK } from 'novita-sdk';\nconst sdk${i} = new NovitaSDK(process.env.KEY);\nexport const s${i} = (image) => sdk${i}.upscale({ image, upscaler_1: 'ESRGAN_4x' });\n`,
];

const DISTRACTORS = [
  "export const mj = (id) => fetch('https://mj.example.net/v2/upscale', { method: 'POST', body: JSON.stringify({ id }) });\n",
  "export function setProgress(bar, value) { bar.progress = Math.min(1, value); return bar; }\n",
  "export const v3 = (image) => fetch('https://api.novita.ai/v3/async/upscale', { method: 'POST', body: JSON.stringify({ request: { image_base64: image } }) });\n",
];

function filler(r, i) {
  const names = ['user', 'order', 'cart', 'item', 'price', 'total', 'account', 'session', 'token', 'record'];
  let out = `// module ${i}\nimport { helper } from './helper';\n\n`;
  while (out.length < 3500 + r() * 2000) {
    const a = names[Math.floor(r() * names.length)];
    const b = names[Math.floor(r() * names.length)];
    out += `export function ${a}To${b[0].toUpperCase()}${b.slice(1)}${Math.floor(r() * 1e6)}(input) {\n  const result = [];\n  for (const entry of input.${a}s ?? []) {\n    if (entry.${b} && entry.${b}.length > ${Math.floor(r() * 10)}) result.push({ ...entry, ${b}: helper(entry.${b}) });\n  }\n  return result.sort((x, y) => x.${a} - y.${a});\n}\n\n`;
  }
  return out;
}

const GITIGNORE_PACKAGE = '# build output and caches\n*.log\n/generated/\ntmp-*\n!tmp-keep.js\n';
const GITIGNORE_DIR = 'tmp-*\n*.snap\n/fixtures-large/\n';
const IGNORED_DECOY = "export const ignored = () => fetch('https://api.novita.ai/v2/upscale', { method: 'POST' });\n";

/** The directory of file i: 100 packages x 4 source dirs, or about `gitignores` directories in the .gitignore-heavy tree. */
function dirOf(i, gitignores) {
  const kind = ['lib', 'api', 'ui', 'util'][i % 4];
  if (!gitignores) return `packages/pkg-${String(i % 100).padStart(3, '0')}/src/${kind}`;
  // Each package holds a .gitignore and four source dirs with one each: gitignores / 5 packages.
  const packages = Math.max(1, Math.round(gitignores / 5));
  return `packages/pkg-${String(Math.floor(i / 4) % packages).padStart(3, '0')}/src/${kind}`;
}

/** The ignored decoys (path relative to root): files with a V2 call that .gitignore rules exclude. */
export function ignoredDecoys(root) {
  const file = join(root, 'ignored.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

export function generateTree(root, files = 20000, seeded = 40, { gitignores = 0 } = {}) {
  const marker = join(root, '.complete');
  const expected = `${files}:${seeded}:${gitignores}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === expected) return readSeeds(root);
  rmSync(root, { recursive: true, force: true });
  const r = rng(42);
  const seeds = [];
  const seedEvery = Math.floor(files / seeded);
  for (let i = 0; i < files; i++) {
    const pkg = dirOf(i, gitignores);
    const ext = ['ts', 'js', 'tsx', 'mjs'][i % 4];
    const rel = `${pkg}/file-${i}.${ext}`;
    let text = filler(r, i);
    if (i % seedEvery === 0 && seeds.length < seeded) {
      const kind = seeds.length % SEEDS.length;
      text += SEEDS[kind](i);
      seeds.push(rel);
    } else if (i % 997 === 0) {
      text += DISTRACTORS[i % DISTRACTORS.length];
    }
    if (ext === 'tsx') text += `\nexport const View${i} = () => <div className="v${i}" />;\n`;
    mkdirSync(join(root, pkg), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const ignored = [];
  if (gitignores) {
    for (const dir of new Set(Array.from({ length: files }, (_, i) => dirOf(i, gitignores)))) {
      writeFileSync(join(root, dir, '.gitignore'), GITIGNORE_DIR);
      writeFileSync(join(root, dir, 'tmp-cache.js'), IGNORED_DECOY);
      ignored.push(`${dir}/tmp-cache.js`);
      const pkgDir = dir.split('/').slice(0, 2).join('/');
      if (!existsSync(join(root, pkgDir, '.gitignore'))) {
        writeFileSync(join(root, pkgDir, '.gitignore'), GITIGNORE_PACKAGE);
        mkdirSync(join(root, pkgDir, 'generated'), { recursive: true });
        writeFileSync(join(root, pkgDir, 'generated', 'client.js'), IGNORED_DECOY);
        ignored.push(`${pkgDir}/generated/client.js`);
      }
    }
  }
  writeFileSync(join(root, 'ignored.json'), JSON.stringify(ignored));
  writeFileSync(join(root, 'seeds.json'), JSON.stringify(seeds));
  writeFileSync(marker, expected);
  return seeds;
}

function readSeeds(root) {
  return JSON.parse(readFileSync(join(root, 'seeds.json'), 'utf8'));
}
