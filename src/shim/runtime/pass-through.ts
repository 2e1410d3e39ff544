/**
 * A progress request for an id the runtime did not issue (a V2 txt2img
 * task, say, polled by a shared helper) goes to V2's own /v2/progress with
 * the caller's credentials; its answer comes back unchanged.
 */
import { V2_CODES } from '../../spec/codes.js';
import { V2_PROGRESS_PATH } from '../../spec/endpoints.js';
import { v2Json, type V2HttpAnswer } from '../v2-http.js';
import { realFetch } from './real-fetch.js';

export interface PassThroughCredentials {
  /** The caller's Authorization header, as it sent it. */
  authorization?: string;
  /** The caller's X-Omni-Key header (the old host). */
  omniKey?: string;
}

export async function passThroughProgress(
  v2BaseUrl: string,
  taskId: string,
  credentials: PassThroughCredentials,
  fetchImpl: typeof globalThis.fetch = realFetch(),
): Promise<V2HttpAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (credentials.authorization) headers.authorization = credentials.authorization;
  if (credentials.omniKey) headers['x-omni-key'] = credentials.omniKey;
  const url = `${v2BaseUrl.replace(/\/+$/, '')}${V2_PROGRESS_PATH}?task_id=${encodeURIComponent(taskId)}`;
  try {
    const res = await fetchImpl(url, { method: 'GET', headers });
    const body = Buffer.from(await res.arrayBuffer());
    const out: Record<string, string> = {};
    const type = res.headers.get('content-type');
    if (type) out['content-type'] = type;
    return { status: res.status, headers: out, body };
  } catch (err) {
    const why = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    return v2Json(200, { code: V2_CODES.HostUnavailable, msg: `task ${taskId} is not a shim task and V2 (${new URL(url).origin}) is unreachable: ${why}` });
  }
}
