/**
 * A fake of V2's own `GET /v2/progress` on 127.0.0.1 (port 0), for the
 * pass-through of ids the shim did not issue: it knows one txt2img task,
 * answers code 3 for anything else, and records the credentials it saw.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeV2Progress {
  url: string;
  /** The id of the one V2 task it knows. */
  knownTaskId: string;
  seen: Array<{ path: string; authorization?: string; omniKey?: string }>;
  close(): Promise<void>;
}

export const FAKE_V2_TASK_ANSWER = {
  code: 0,
  msg: '',
  data: { status: 2, progress: 1, eta_relative: 0, imgs: ['https://example.invalid/txt2img.png'], failed_reason: '', info: '{"prompt":"a cat"}' },
};

export async function startFakeV2Progress(): Promise<FakeV2Progress> {
  const knownTaskId = 'v2-txt2img-task-1';
  const seen: FakeV2Progress['seen'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    seen.push({ path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, omniKey: req.headers['x-omni-key'] as string | undefined });
    if (url.pathname !== '/v2/progress') {
      res.writeHead(404).end();
      return;
    }
    const known = url.searchParams.get('task_id') === knownTaskId;
    // A distinctive status and header, so "unchanged" can be checked.
    res.writeHead(known ? 200 : 200, { 'content-type': 'application/json', 'x-fake-v2': '1' });
    res.end(JSON.stringify(known ? FAKE_V2_TASK_ANSWER : { code: 3, msg: 'task not found (fake V2)' }));
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    knownTaskId,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
