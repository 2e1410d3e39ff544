import Router from '@koa/router';
import { upscaleHandler } from '@app/handlers';

const router = new Router();
router.post('/v2/upscale', upscaleHandler);
router.get('/v2/progress', async (ctx) => {
  ctx.body = { code: 0, data: { status: 1 } };
});

export default router;
