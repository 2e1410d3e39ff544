"use strict";
// tsc output (target ES2015, CommonJS): `async` became tslib's `__awaiter` over a generator, each `await` a
// `yield`. fix follows the reads through those `yield`s, so the closed flow moves to V3 whole.
Object.defineProperty(exports, "__esModule", { value: true });
exports.upscaleAndWait = upscaleAndWait;
const tslib_1 = require("tslib");
const API = 'https://api.novita.ai';
function upscaleAndWait(image) {
    return tslib_1.__awaiter(this, void 0, void 0, function* () {
        const res = yield fetch(`${API}/v3/async/upscale`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
            body: JSON.stringify({
                request: {
                    model_name: 'RealESRNet_x4plus',
                    image_base64: image,
                    scale_factor: 2
                }
            }),
        });
        const json = yield res.json();
        const taskId = json.task_id;
        for (;;) {
            const poll = yield fetch(`${API}/v3/async/task-result?task_id=${taskId}`, { headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` } });
            const progress = yield poll.json();
            if (progress.task.status === 'TASK_STATUS_SUCCEED')
                return progress.images.map(image => image.image_url);
            if (progress.task.status === 'TASK_STATUS_FAILED')
                throw new Error(progress.task.reason);
            yield new Promise((r) => setTimeout(r, 50));
        }
    });
}
