/** SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. */
import { pathToFileURL } from 'node:url';
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { reportedPath, reportRoot, rootUri } from './report-root.js';
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warn: 'warning', off: 'none' } as const;
/** The notification descriptor of a file the parser rejected (it was not analysed). */
export const PARSE_ERROR_ID = 'parse-error';
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
  // A file that cannot be parsed is a tool execution problem, not a finding: SARIF puts it in the
  // run's invocation as a notification (the CLI's exit code still fails the gate).
  const notifications: Notification[] = [];
  // URIs relative to %SRCROOT%: the repository root in GitHub Actions, else the working directory (as the github format).
  const root = reportRoot(ctx.cwd);
  for (const r of results) {
    const where = reportedPath(r.filePath, root);
    const artifactLocation = where.outside ? { uri: pathToFileURL(r.filePath).href } : { uri: where.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    for (const m of r.messages) {
      const location: Location = {
        physicalLocation: {
          artifactLocation,
          region: {
            startLine: m.line,
            startColumn: m.column,
            ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
          },
        },
      };
      if (m.ruleId === null) {
        notifications.push({ descriptor: { id: PARSE_ERROR_ID }, level: 'error', message: { text: m.message }, locations: [location] });
        continue;
      }
      const result: Result = { ruleId: m.ruleId, level: m.severity === 2 ? 'error' : 'warning', message: { text: m.message }, locations: [location] };
      const idx = ruleIndex.get(m.ruleId);
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
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri(root) } },
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results: out,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
