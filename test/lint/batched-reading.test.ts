/**
 * On a tree of thousands of files the candidate thread reads batches of it
 * while the main thread reads the rest. The report must be what the worker
 * pool (which never batches) gives: same files, same order, same messages,
 * the same skip notes.
 */
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers.js';

const FILES = 3000;

function tree(): { dir: string; seeded: string[] } {
  const files: Record<string, string | Buffer> = {};
  const seeded: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const rel = `pkg-${String(i % 7)}/src/file-${String(i).padStart(4, '0')}.js`;
    if (i % 397 === 5) {
      files[rel] = `export const up${i} = (image) => fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+' }) });\n`;
      seeded.push(rel);
    } else {
      files[rel] = `import { helper } from './helper';\nexport function setProgress${i}(bar, v) { bar.progress = helper(v); return bar; }\n`;
    }
  }
  files['pkg-3/src/zz-binary.js'] = Buffer.from([0x66, 0x00, 0x01, 0x02, 0x75, 0x70, 0x73, 0x63, 0x61, 0x6c, 0x65]);
  // UTF-16 with a BOM: decoded, not scanned as bytes.
  files['pkg-4/src/zz-utf16.js'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("fetch('https://api.novita.ai/v2/progress?task_id=' + id);\n", 'utf16le')]);
  seeded.push('pkg-4/src/zz-utf16.js');
  return { dir: makeProject(files), seeded };
}

describe('reading a large tree on two threads', { timeout: 120_000 }, () => {
  it('reports what the worker pool reports, in the same order', () => {
    const { dir, seeded } = tree();
    const batched = runCli(['--format', 'json', '--debug', '.'], dir);
    const pooled = runCli(['--format', 'json', '--debug', '--concurrency', '2', '.'], dir);
    expect(batched.status).toBe(1);
    const results = JSON.parse(batched.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(results).toHaveLength(FILES + 1);
    const reported = results.filter((r) => r.messages.length > 0).map((r) => r.filePath.slice(dir.length + 1));
    expect(reported.sort()).toEqual([...seeded].sort());
    expect(batched.stdout).toBe(pooled.stdout);
    expect(batched.stderr).toContain('zz-binary.js: binary');
  });
});
