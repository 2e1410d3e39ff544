const express = require('express');
const { handleUpscale, handleProgress, requireAuth, rateLimit } = require('./handlers');

const app = express();
const api = express.Router();

app.post('/v2/upscale', requireAuth, rateLimit, handleUpscale);
app.get('/v2/progress', handleProgress);
api.post('/v2/upscale', (req, res) => res.json({ code: 0, data: { task_id: 't' } }));
app.use('/compat', api);
app.get('/upscale-status', (req, res) => res.location(`/v2/progress?task_id=${req.query.id}`).status(303).end());
app.get('/where', (req, res) => res.send('/v2/upscale'));

console.log('V2 compatibility routes mounted at /v2/upscale and /v2/progress');
module.exports = app;
