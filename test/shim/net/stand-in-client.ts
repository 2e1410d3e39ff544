/**
 * A hand-written stand-in for createV2Client, for the transport tests only:
 * plain scale-by-factor on top of an UpscaleBackend, results kept in memory.
 * It lets the server, fetch shim and axios adapter be tested on their own.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { V2Error, type UpscaleBackend } from '../../../src/shim/backend.js';
import { V2_CODES } from '../../../src/spec/codes.js';
import { v3ModelFor } from '../../../src/spec/upscalers.js';
import type { V2Answer, V2ClientSurface } from '../../../src/shim/v2-http.js';

export interface StandInClient extends V2ClientSurface {
  calls: Array<{ kind: 'upscale' | 'progress'; apiKey?: string }>;
}

export function createStandInClient(backend: UpscaleBackend, resultBaseUrl: string): StandInClient {
  const tasks = new Map<string, string>();
  const results = new Map<string, Buffer>();
  const calls: StandInClient['calls'] = [];
  return {
    calls,
    async upscale(body, options): Promise<V2Answer> {
      calls.push({ kind: 'upscale', apiKey: options?.apiKey });
      if (typeof body !== 'object' || body === null) return { code: V2_CODES.InvalidJSON, msg: 'body must be an object' };
      const { image, upscaler_1, upscaling_resize } = body as Record<string, unknown>;
      if (typeof image !== 'string' || !image) return { code: V2_CODES.ParamRangeOutOfLimit, msg: 'image is required' };
      const model = v3ModelFor(String(upscaler_1));
      if (!model) return { code: V2_CODES.ModelNotExist, msg: `unknown upscaler ${String(upscaler_1)}` };
      try {
        const { data, info } = await sharp(Buffer.from(image.replace(/^data:[^,]*,/, ''), 'base64'))
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        const out = await backend.upscale({ width: info.width, height: info.height, data }, model, Number(upscaling_resize ?? 2), {
          apiKey: options?.apiKey,
          warn: () => undefined,
        });
        const png = await sharp(out.data, { raw: { width: out.width, height: out.height, channels: 3 } }).png().toBuffer();
        const id = randomUUID();
        results.set(id, png);
        const taskId = randomUUID();
        tasks.set(taskId, `${resultBaseUrl}/${id}.png`);
        return { code: 0, msg: '', data: { task_id: taskId, warn: '' } };
      } catch (err) {
        if (err instanceof V2Error) return { code: err.code, msg: err.message };
        throw err;
      }
    },
    async progress(taskId, options): Promise<V2Answer> {
      calls.push({ kind: 'progress', apiKey: options?.apiKey });
      const url = tasks.get(taskId);
      if (!url) return { code: V2_CODES.TaskIdNotExist, msg: 'task not found' };
      return { code: 0, msg: '', data: { status: 2, progress: 1, imgs: [url], failed_reason: '' } };
    },
    getResult(id) {
      const png = results.get(id);
      return png ? { data: png, contentType: 'image/png' } : undefined;
    },
    close() {
      results.clear();
    },
  };
}
