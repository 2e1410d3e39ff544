import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, SAMPLE_APP } from '../lint/helpers.js';

const require = createRequire(import.meta.url);
// CommonJS packages: required, so their default exports arrive as they are.
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
// The official SARIF 2.1.0 (rtm.5) JSON schema, as shipped by Microsoft's @microsoft/jest-sarif.
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

describe('--format sarif', { timeout: 120_000 }, () => {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv as unknown as Parameters<typeof addFormats>[0]);
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema on the sample app', () => {
    const out = runCli(['--format', 'sarif', '.'], SAMPLE_APP);
    expect(out.status).toBe(1);
    const log = JSON.parse(out.stdout);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'novita-migrate', informationUri: expect.stringMatching(/^https:/) });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['no-v2-upscale', 'no-v2-progress', 'v2-param', 'v2-upscaler-name', 'v2-response-shape', 'v2-read-on-v3']);
    expect(run.results.length).toBeGreaterThan(30);
    for (const r of run.results) {
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).not.toMatch(/^\//);
      expect(loc.region.startLine).toBeGreaterThan(0);
    }
  });

  it('validates with a fatal parse error (a tool execution notification, not a result) and with no findings', () => {
    const broken = JSON.parse(runCli(['--format', 'sarif'], makeProject({ 'src/bad.ts': 'const x = { "/v2/upscale"', 'src/ok.ts': 'export {}' })).stdout);
    expect(validate(broken)).toBe(true);
    const run = broken.runs[0];
    expect(run.results).toEqual([]);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            descriptor: { id: 'parse-error' },
            level: 'error',
            message: { text: expect.stringMatching(/^Parsing error: /) },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/bad.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: expect.any(Number) } } }],
          },
        ],
      },
    ]);
    const clean = JSON.parse(runCli(['--format', 'sarif'], makeProject({ 'ok.ts': 'export {}' })).stdout);
    expect(validate(clean)).toBe(true);
    expect(clean.runs[0].results).toEqual([]);
    expect(clean.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });
});
