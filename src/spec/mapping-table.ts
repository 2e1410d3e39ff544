/**
 * The V2 -> V3 mapping table of the README, rendered from the spec so the
 * docs cannot drift (a test compares the README with `renderMappingTable()`).
 */
import { V2_UPSCALERS } from './upscalers.js';
import { V2_UPSCALE_FIELDS } from './v2-upscale-fields.js';
import { describeFieldForDocs, describeFixForDocs } from './field-fate-message.js';
import { V2_RESPONSE_FIELDS } from './v2-responses.js';
import { V2_STATUS_TO_V3 } from './codes.js';
import { V2_PROGRESS_PATH, V2_UPSCALE_PATH, V3_TASK_RESULT_PATH, V3_UPSCALE_PATH } from './endpoints.js';

export function renderMappingTable(): string {
  const rows: string[] = [
    '| V2 | V3 | fix does |',
    '|---|---|---|',
    `| \`POST ${V2_UPSCALE_PATH}\` | \`POST ${V3_UPSCALE_PATH}\` | rewrite URL and body |`,
    `| \`GET ${V2_PROGRESS_PATH}\` | \`GET ${V3_TASK_RESULT_PATH}\` | rewrite URL and reads |`,
  ];
  for (const f of V2_UPSCALE_FIELDS) rows.push(`| \`${f.name}\` | ${describeFieldForDocs(f)} | ${describeFixForDocs(f)} |`);
  for (const r of V2_RESPONSE_FIELDS) rows.push(`| response \`${r.path}\` (${r.endpoint}) | ${r.v3} | rewrite reads |`);
  for (const [v2, v3] of Object.entries(V2_STATUS_TO_V3)) rows.push(`| progress \`status\` ${v2} | \`"${v3}"\` | rewrite comparisons |`);
  return rows.join('\n');
}

export function renderUpscalerTable(): string {
  const rows = ['| V2 `upscaler_1` | V3 `model_name` | note |', '|---|---|---|'];
  for (const u of V2_UPSCALERS) {
    const f = u.fate;
    if (f.kind === 'same') rows.push(`| \`${u.name}\` | \`${f.v3Model}\` | same model |`);
    else if (f.kind === 'substitute') rows.push(`| \`${u.name}\` | \`${f.v3Model}\` | nearest model (substitution, reported) |`);
    else rows.push(`| \`${u.name}\` | — | local ${f.resampler === 'none' ? 'no-op' : f.resampler} in the shim |`);
  }
  rows.push('| any other name | — | reported; shim answers code 2 |');
  return rows.join('\n');
}
