/** SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warn: 'warning', off: 'none' } as const;
export const INFORMATION_URI = 'https://www.npmjs.com/package/novita-migrate';

export const sarif: Formatter = (results, ctx) => {
  const rules: ReportingDescriptor[] = ctx.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: `${r.description}. ${r.help}` },
    help: { text: r.help, markdown: r.help },
    helpUri: `${INFORMATION_URI}#${r.id}`,
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const out: Result[] = [];
  for (const r of results) {
    const uri = relative(ctx.cwd, r.filePath).split(sep).map(encodeURIComponent).join('/');
    for (const m of r.messages) {
      const result: Result = {
        ruleId: m.ruleId ?? 'parse-error',
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: m.line,
                startColumn: m.column,
                ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
              },
            },
          },
        ],
      };
      const idx = m.ruleId ? ruleIndex.get(m.ruleId) : undefined;
      if (idx !== undefined) result.ruleIndex = idx;
      out.push(result);
    }
  }
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'novita-migrate', version: ctx.version, semanticVersion: ctx.version, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(ctx.cwd).href.replace(/\/?$/, '/')}` } },
        results: out,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
