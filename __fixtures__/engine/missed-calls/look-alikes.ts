// Their near misses: none of these is a Novita V2 request.
declare const res: { send(body: unknown): void };
declare const socket: { send(data: string, cb: () => void): void };
declare const u: (parts: TemplateStringsArray, ...values: unknown[]) => string;
declare const host: string;

enum Other {
  Upscale = 'https://mj.example.net/v2/upscale',
}

export function answer() {
  res.send('https://api.novita.ai/v2/upscale');
  socket.send('/v2/upscale', () => undefined);
}

export async function otherService(id: string) {
  await fetch(Other.Upscale, { method: 'POST', body: JSON.stringify({ imageUrl: id }) });
  await fetch(u`https://${host}/mj/v2/progress?id=${id}`);
  return fetch?.('https://api.novita.ai/v3/async/task-result?task_id='.concat(id));
}
