import { V2_UPSCALE_PATH, V3_UPSCALE_PATH } from '../spec/endpoints.js';
import { V2_UPSCALE_FIELDS } from '../spec/v2-upscale-fields.js';
import { docsAnchor, type Rule } from './rule.js';

/** The plain moves, described once here rather than reported one by one. */
const MOVES = V2_UPSCALE_FIELDS.flatMap((f) =>
  f.fate.kind === 'move' || f.fate.kind === 'map-name' || f.fate.kind === 'move-if-in-range' ? [`\`${f.name}\` -> \`${f.fate.v3Field}\``] : [],
).join(', ');

export const noV2Upscale: Rule = {
  meta: {
    id: 'no-v2-upscale',
    defaultSeverity: 'error',
    description: `Calls to the deprecated \`POST ${V2_UPSCALE_PATH}\` endpoint`,
    help: `Use \`POST ${V3_UPSCALE_PATH}\` with the body \`{ request: { model_name, image_base64, scale_factor } }\`; it answers \`{ task_id }\`. ${MOVES}. \`novita-migrate fix\` rewrites the call, or routes it to the compat shim when V3 cannot express it.`,
    docsAnchor: docsAnchor('no-v2-upscale'),
  },
  check(ctx) {
    for (const site of ctx.analysis?.callSites ?? []) {
      if (site.endpoint !== 'upscale') continue;
      const via = site.client === 'novita-sdk' ? 'novita-sdk 1.x `upscale`' : `\`POST ${V2_UPSCALE_PATH}\``;
      ctx.report({ span: site.span, message: `${via} is deprecated; use \`POST ${V3_UPSCALE_PATH}\` (${MOVES})` });
    }
    for (const m of ctx.textMatches ?? []) {
      if (m.endpoint === 'upscale') ctx.report({ span: m.span, message: `\`${m.url}\` is the deprecated V2 upscale endpoint; use \`POST ${V3_UPSCALE_PATH}\` (${MOVES})` });
    }
  },
};
