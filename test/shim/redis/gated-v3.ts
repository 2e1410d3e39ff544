/**
 * A minimal V3 whose tasks stay PROCESSING until the test opens the gate,
 * so a replica is known to be in the middle of its tasks when it is killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';

export interface GatedV3 {
  url: string;
  /** V3 tasks created so far (a task re-run after its replica died creates another). */
  submitted(): number;
  /** task-result polls answered so far: a replica still polling is still running its task. */
  polls(): number;
  open(): void;
  close(): Promise<void>;
}

export async function startGatedV3(outputSide: number): Promise<GatedV3> {
  const png = await sharp({ create: { width: outputSide, height: outputSide, channels: 3, background: '#336699' } }).png().toBuffer();
  let submitted = 0;
  let polls = 0;
  let gateOpen = false;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (path === '/v3/async/upscale') {
        submitted++;
        return json({ task_id: randomUUID() });
      }
      if (path === '/v3/async/task-result') {
        polls++;
        const status = gateOpen ? 'TASK_STATUS_SUCCEED' : 'TASK_STATUS_PROCESSING';
        return json({ task: { task_id: 't', status, reason: '' }, images: gateOpen ? [{ image_url: `${url}/img.png`, image_type: 'png' }] : [] });
      }
      if (path === '/img.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    submitted: () => submitted,
    polls: () => polls,
    open: () => void (gateOpen = true),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
