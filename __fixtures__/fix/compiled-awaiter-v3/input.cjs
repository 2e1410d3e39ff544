"use strict";
// tsc output (target ES2015, CommonJS): `async` became tslib's `__awaiter` over a generator, each `await` a
// `yield`. fix follows the reads through those `yield`s, so the closed flow moves to V3 whole.
Object.defineProperty(exports, "__esModule", { value: true });
exports.upscaleAndWait = upscaleAndWait;
const tslib_1 = require("tslib");
const API = 'https://api.novita.ai';
function upscaleAndWait(image) {
    return tslib_1.__awaiter(this, void 0, void 0, function* () {
        const res = yield fetch(`${API}/v2/upscale`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
            body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }),
        });
        const json = yield res.json();
        const taskId = json.data.task_id;
        for (;;) {
            const poll = yield fetch(`${API}/v2/progress?task_id=${taskId}`, { headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` } });
            const progress = yield poll.json();
            if (progress.data.status === 2)
                return progress.data.imgs;
            if (progress.data.status === 3 || progress.data.status === 4)
                throw new Error(progress.data.failed_reason);
            yield new Promise((r) => setTimeout(r, 50));
        }
    });
}
