/**
 * V2 statuses 3 (failed) and 4 (timeout) are both `TASK_STATUS_FAILED` on V3:
 * a check of both becomes one comparison, not the same one twice.
 */
import { describe, expect, it } from 'vitest';
import { transformSource } from '../../transforms/upscale-v2-to-v3.js';

/** A closed flow whose poll loop holds `check` (reading `p`, the poll's JSON). */
function flow(check: string): string {
  return [
    'export async function up(image) {',
    "  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });",
    '  const json = await res.json();',
    '  const id = json.data.task_id;',
    '  for (;;) {',
    '    const p = await (await fetch(`https://api.novita.ai/v2/progress?task_id=${id}`)).json();',
    '    if (p.data.status === 2) return p.data.imgs;',
    `    ${check}`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The fixed line that `check` became. */
function fixed(check: string): string {
  const result = transformSource(flow(check), '/virtual/a.js', { project: { blockingPolls: [] } });
  expect(result.outcomes.map((o) => o.kind)).toEqual(['plain-v3', 'plain-v3']);
  // The body is rebuilt over several lines: find the check by its statuses (SUCCEED is the line before it).
  return result.output!.split('\n').find((l) => /TASK_STATUS_(?!SUCCEED)/.test(l))!.trim();
}

describe('status comparisons that map to one V3 status', () => {
  it('`=== 3 || === 4` becomes one comparison', () => {
    expect(fixed('if (p.data.status === 3 || p.data.status === 4) throw new Error(p.data.failed_reason);')).toBe("if (p.task.status === 'TASK_STATUS_FAILED') throw new Error(p.task.reason);");
  });

  it('`!= 3 && != 4` becomes one strict comparison', () => {
    expect(fixed('if (p.data.status != 3 && p.data.status != 4) continue;')).toBe("if (p.task.status !== 'TASK_STATUS_FAILED') continue;");
  });

  it('in a longer chain, only the repeat goes', () => {
    expect(fixed('if (p.data.status === 0 || p.data.status === 3 || p.data.status === 4) break;')).toBe("if (p.task.status === 'TASK_STATUS_QUEUED' || p.task.status === 'TASK_STATUS_FAILED') break;");
  });

  it('comparisons to different V3 statuses stay', () => {
    expect(fixed('if (p.data.status === 0 || p.data.status === 1) continue;')).toBe("if (p.task.status === 'TASK_STATUS_QUEUED' || p.task.status === 'TASK_STATUS_PROCESSING') continue;");
  });

  it('keeps the repeat (still exact) rather than drop a comment', () => {
    expect(fixed('if (p.data.status === 3 || /* timeout */ p.data.status === 4) break;')).toBe("if (p.task.status === 'TASK_STATUS_FAILED' || /* timeout */ p.task.status === 'TASK_STATUS_FAILED') break;");
  });
});
