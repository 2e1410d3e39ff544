/** The closing summary, jscodeshift-style but with reasons. */
import { relative } from 'node:path';
import type { FixReport } from './run-fix.js';

export interface FixCounts {
  changed: number;
  unchanged: number;
  reportOnly: number;
  skipped: number;
  failed: number;
  /** Skipped because they do not parse (lint reports them too). */
  unparsable: number;
  plainV3: number;
  shim: number;
  todo: number;
}

export function countFix(report: FixReport): FixCounts {
  const c: FixCounts = { changed: 0, unchanged: 0, reportOnly: 0, skipped: 0, failed: 0, unparsable: 0, plainV3: 0, shim: 0, todo: 0 };
  for (const status of report.files.values()) {
    if (status.kind === 'changed') c.changed++;
    else if (status.kind === 'unchanged') c.unchanged++;
    else if (status.kind === 'report-only') c.reportOnly++;
    else if (status.kind === 'skipped') {
      c.skipped++;
      if (status.unparsable) c.unparsable++;
    }
    else c.failed++;
    if ('outcomes' in status) {
      for (const o of status.outcomes) {
        if (o.kind === 'plain-v3') c.plainV3++;
        else if (o.kind === 'shim') c.shim++;
        else c.todo++;
      }
    }
  }
  return c;
}

export function formatFixSummary(report: FixReport, cwd: string, dry: boolean): string {
  const lines: string[] = [];
  for (const [file, status] of report.files) {
    const rel = relative(cwd, file);
    if ('outcomes' in status) {
      for (const o of status.outcomes) {
        if (o.kind === 'plain-v3') lines.push(`${rel}:${o.line}  V3          ${o.endpoint}${o.note ? ` (${o.note})` : ''}`);
        else if (o.kind === 'shim') lines.push(`${rel}:${o.line}  shim        via ${o.via}: ${o.reasons.join('; ')}`);
        else lines.push(`${rel}:${o.line}  TODO        ${o.reasons.join('; ')}`);
      }
    } else {
      lines.push(`${rel}  ${status.kind.padEnd(11)} ${status.reason}`);
    }
  }
  const c = countFix(report);
  lines.push(
    '',
    `${dry ? 'Dry run: ' : ''}${c.changed} file${c.changed === 1 ? '' : 's'} ${dry ? 'would change' : 'changed'}, ${c.unchanged} unchanged, ${c.reportOnly} report only, ${c.skipped} skipped, ${c.failed} failed`,
    `Calls: ${c.plainV3} rewritten to V3, ${c.shim} routed to the shim, ${c.todo} left with a TODO`,
  );
  for (const repo of report.refusedDirty) lines.push(`Not written into ${relative(cwd, repo) || '.'}: uncommitted changes there (commit or stash them, or pass --force)`);
  for (const dep of report.dependencies) {
    const where = dep.packageJson ? relative(cwd, dep.packageJson) : undefined;
    if (dep.action === 'added') lines.push(`${where}: ${dry ? 'would add' : 'added'} the shim runtime to "dependencies"; run \`npm install\` (or: ${dep.command})`);
    else if (dep.action === 'install-by-hand') lines.push(`The fixed code imports the shim runtime: ${dep.command}${where ? ` (could not edit ${where})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
