"use strict";
// tsc output (target ES2015): `async` became tslib's `__awaiter` over a generator, each `await` a `yield`.
Object.defineProperty(exports, "__esModule", { value: true });
exports.upscaleImage = upscaleImage;
exports.checkTask = checkTask;
const tslib_1 = require("tslib");
const effects_1 = require("redux-saga/effects");
const API = 'https://api.novita.ai';
function upscaleImage(image) {
    return tslib_1.__awaiter(this, void 0, void 0, function* () {
        const res = yield fetch(`${API}/v2/upscale`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
            body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }),
        });
        const json = yield res.json();
        if (json.code !== 0)
            throw new Error(json.msg);
        const taskId = json.data.task_id;
        for (;;) {
            const poll = yield (yield fetch(`${API}/v2/progress?task_id=${taskId}`)).json();
            if (poll.data.status === 2)
                return poll.data.imgs;
            if (poll.data.status === 3)
                throw new Error(poll.data.failed_reason);
            yield new Promise((r) => setTimeout(r, 1000));
        }
    });
}
// A redux-saga generator decides for itself what `yield` gives back: not followed.
function* checkTask(taskId) {
    const res = yield fetch(`${API}/v2/progress?task_id=${taskId}`);
    const body = yield (0, effects_1.call)([res, res.json]);
    if (body.data.status === 2)
        yield (0, effects_1.put)({ type: 'done', imgs: body.data.imgs });
}
