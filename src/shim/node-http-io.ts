/** node:http plumbing shared by `shim serve` and the runtime's loopback server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { V2HttpAnswer } from './v2-http.js';

/** Case-insensitive header lookup (the first value of a repeated header). */
export function headerOf(req: IncomingMessage): (name: string) => string | undefined {
  return (name) => {
    const v = req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
}

export function sendAnswer(res: ServerResponse, answer: V2HttpAnswer, headOnly = false): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
  res.end(headOnly ? undefined : answer.body);
}

/** The whole body, or 'too-large' as soon as it passes `maxBytes` (the rest is not read). */
export function readBodyCapped(req: IncomingMessage, maxBytes = Infinity): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('client aborted the request')));
  });
}
