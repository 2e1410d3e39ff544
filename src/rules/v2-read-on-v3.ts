import { V2_STATUS_TO_V3, type V2ProgressStatus } from '../spec/codes.js';
import { V3_REPLACEMENT_PATH } from '../spec/endpoints.js';
import { findV2ResponseField } from '../spec/v2-responses.js';
import { docsAnchor, type Rule } from './rule.js';

/**
 * A V3 call whose response is still read as V2's: the half-migration that
 * breaks at run time (`data.task_id` is `undefined` on V3, `data.status === 2`
 * is never true). An error, not a warning: the code already runs against V3.
 */
export const v2ReadOnV3: Rule = {
  meta: {
    id: 'v2-read-on-v3',
    defaultSeverity: 'error',
    description: 'V2-shaped reads of a V3 response (a half-migrated call)',
    help: 'The request already goes to V3, whose answers have no `data`/`msg` wrapper: `POST /v3/async/upscale` answers `{ task_id }`; `GET /v3/async/task-result` answers `{ task: { status, reason }, images: [{ image_url }] }`.',
    docsAnchor: docsAnchor('v2-read-on-v3'),
  },
  check(ctx) {
    for (const read of ctx.analysis?.staleV3Reads ?? []) {
      const field = findV2ResponseField(read.v2Path);
      if (!field) continue;
      const from = `\`${V3_REPLACEMENT_PATH[read.endpoint]}\``;
      let message = `\`${read.v2Path}\` is read from a ${from} response, which has no such field (it is V2's): use ${field.v3}`;
      if (read.comparedStatus !== undefined && read.comparedStatus in V2_STATUS_TO_V3) {
        const v3 = V2_STATUS_TO_V3[read.comparedStatus as V2ProgressStatus];
        message = `V2's progress status ${read.comparedStatus} compared on a ${from} response: use \`task.status === "${v3}"\``;
      }
      ctx.report({ span: read.span, message });
    }
  },
};
