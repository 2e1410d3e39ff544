import { V2_STATUS_TO_V3, type V2ProgressStatus } from '../spec/codes.js';
import { findV2ResponseField } from '../spec/v2-responses.js';
import { docsAnchor, type Rule } from './rule.js';

export const v2ResponseShape: Rule = {
  meta: {
    id: 'v2-response-shape',
    defaultSeverity: 'warn',
    description: 'Reads of response fields that only V2 has',
    help: 'V3 answers `{ task_id }` (no `code`/`msg`/`data` wrapper: errors are HTTP statuses with a `{ code, reason, message }` body); task results are `{ task: { status, reason }, images: [{ image_url }] }`.',
    docsAnchor: docsAnchor('v2-response-shape'),
  },
  check(ctx) {
    for (const read of ctx.analysis?.responseReads ?? []) {
      const field = findV2ResponseField(read.v2Path);
      if (!field) continue;
      let message = `\`${read.v2Path}\` is a V2-only response field; on V3 use ${field.v3}`;
      if (read.comparedStatus !== undefined && read.comparedStatus in V2_STATUS_TO_V3) {
        const v3 = V2_STATUS_TO_V3[read.comparedStatus as V2ProgressStatus];
        message = `progress status ${read.comparedStatus} is \`task.status === "${v3}"\` on V3`;
      }
      ctx.report({ span: read.span, message });
    }
  },
};
