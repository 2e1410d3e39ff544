import Fastify from 'fastify';
import { upscaleController } from './controllers';
import { progressSchema } from './schemas';

const fastify = Fastify();

fastify.route({ method: 'POST', url: '/v2/upscale', handler: upscaleController });
fastify.get('/v2/progress', { schema: progressSchema }, async (request) => ({ code: 0, data: { status: 2 } }));

export default fastify;
