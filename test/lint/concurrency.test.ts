import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE_APP } from './helpers.js';

describe('--concurrency', { timeout: 120_000 }, () => {
  it('worker threads give the same results, in the same order, as one thread', () => {
    const one = runCli(['--format', 'json', '--concurrency', '1', '.'], SAMPLE_APP);
    const two = runCli(['--format', 'json', '--concurrency', '2', '.'], SAMPLE_APP);
    expect(two.status).toBe(one.status);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    expect(JSON.parse(one.stdout).length).toBeGreaterThan(10);
  });

  it('rejects a bad value with exit 2', () => {
    const r = runCli(['--concurrency', '0', '.'], SAMPLE_APP);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--concurrency expects a whole number/);
  });
});
