import { Hono } from 'hono';
import { onUpscale } from './handlers';

const app = new Hono();
app.post('/v2/upscale', onUpscale);
app.get('/v2/progress', (c) => c.json({ code: 0, data: { status: 0 } }));

// A guard that only checks strings: no request is made.
export const isLegacyPath = (url: string) => url.includes('/v2/upscale') || url.endsWith('/v2/progress');
export default app;
