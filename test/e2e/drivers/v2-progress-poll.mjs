/**
 * Polls a pre-existing V2 task (e.g. txt2img) through /v2/progress with
 * got until it finishes, then downloads imgs[0]. argv[2]: task id.
 * Outcome: { code, statuses, imgs, failedReason, width?, height? } (code is the last answer's).
 */
import got from 'got';
import { drive, pngSize } from './kit.mjs';

const [taskId] = process.argv.slice(2);

drive(async () => {
  const statuses = [];
  for (let i = 0; i < 20; i++) {
    const body = await got('https://api.novita.ai/v2/progress', {
      searchParams: { task_id: taskId },
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    }).json();
    if (body.code !== 0) return { code: body.code, msg: body.msg, statuses };
    statuses.push(body.data.status);
    if (body.data.status >= 2) {
      const size = body.data.status === 2 ? pngSize(await got(body.data.imgs[0]).buffer()) : {};
      return { code: 0, statuses, imgs: body.data.imgs, failedReason: body.data.failed_reason, keys: Object.keys(body.data).sort(), ...size };
    }
  }
  throw new Error(`task ${taskId} still running after 20 polls`);
});
