import { V2_PROGRESS_PATH, V3_TASK_RESULT_PATH } from '../spec/endpoints.js';
import { docsAnchor, type Rule } from './rule.js';

const ADVICE = `use \`GET ${V3_TASK_RESULT_PATH}?task_id=…\` (status in \`task.status\`, images in \`images[].image_url\`)`;

export const noV2Progress: Rule = {
  meta: {
    id: 'no-v2-progress',
    defaultSeverity: 'error',
    description: `Calls to the deprecated \`GET ${V2_PROGRESS_PATH}\` endpoint`,
    help: `Poll \`GET ${V3_TASK_RESULT_PATH}?task_id=…\` instead: \`task.status\` is a \`TASK_STATUS_*\` string, images are \`images[].image_url\`, the failure reason is \`task.reason\`.`,
    docsAnchor: docsAnchor('no-v2-progress'),
  },
  check(ctx) {
    for (const site of ctx.analysis?.callSites ?? []) {
      if (site.endpoint !== 'progress') continue;
      const via = site.client === 'novita-sdk' ? 'novita-sdk 1.x `progress`' : `\`GET ${V2_PROGRESS_PATH}\``;
      ctx.report({ span: site.span, message: `${via} is deprecated; ${ADVICE}` });
    }
    for (const m of ctx.textMatches ?? []) {
      if (m.endpoint === 'progress') ctx.report({ span: m.span, message: `\`${m.url}\` is the deprecated V2 progress endpoint; ${ADVICE}` });
    }
  },
};
