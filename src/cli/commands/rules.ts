import { RULE_METAS } from '../../rules/index.js';
import type { CommandFactory } from './command-type.js';

export const rulesCommand: CommandFactory = () => ({
  command: 'rules',
  describe: 'List the rules with their default severities',
  handler: () => {
    const width = Math.max(...RULE_METAS.map((r) => r.id.length));
    for (const r of RULE_METAS) process.stdout.write(`${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(5)}  ${r.description}\n`);
  },
});
