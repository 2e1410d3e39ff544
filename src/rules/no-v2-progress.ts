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
      const flow = ctx.analysis?.flows?.get(site);
      // `/v2/progress` serves every V2 task: a txt2img poll moves with its txt2img submit, not with an upscale.
      const other = flow?.kind === 'open' ? flow.otherTask : undefined;
      const advice = other ? `it polls a V2 ${other} task: move it to V3 together with its \`/v2/${other}\` submit (${ADVICE})` : ADVICE;
      ctx.report({ span: site.span, message: `${via} is deprecated; ${advice}` });
    }
    for (const m of ctx.textMatches ?? []) {
      if (m.endpoint === 'progress') ctx.report({ span: m.span, message: `\`${m.url}\` is the deprecated V2 progress endpoint; ${ADVICE}` });
    }
  },
};
