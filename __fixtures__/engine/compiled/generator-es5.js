"use strict";
// tsc output (target ES5): `async` became tslib's `__awaiter` + `__generator` state machine; each `await`
// is `return [4 /*yield*/, x]` and its value comes back through `_a.sent()` in the next `case`.
var tslib_1 = require("tslib");
Object.defineProperty(exports, "__esModule", { value: true });
exports.submit = submit;
exports.waitFor = waitFor;
exports.replay = replay;
function submit(image) {
    return tslib_1.__awaiter(this, void 0, void 0, function () {
        var res, json;
        return tslib_1.__generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, fetch('https://api.novita.ai/v2/upscale', {
                        method: 'POST',
                        headers: { Authorization: "Bearer ".concat(process.env.NOVITA_API_KEY) },
                        body: JSON.stringify({ image: image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }),
                    })];
                case 1:
                    res = _a.sent();
                    return [4 /*yield*/, res.json()];
                case 2:
                    json = _a.sent();
                    if (json.code !== 0)
                        throw new Error(json.msg);
                    return [2 /*return*/, json.data.task_id];
            }
        });
    });
}
function waitFor(taskId) {
    return tslib_1.__awaiter(this, void 0, void 0, function () {
        var progress;
        return tslib_1.__generator(this, function (_a) {
            switch (_a.label) {
                case 0:
                    if (!true) return [3 /*break*/, 3];
                    return [4 /*yield*/, fetch("https://api.novita.ai/v2/progress?task_id=".concat(taskId))];
                case 1: return [4 /*yield*/, (_a.sent()).json()];
                case 2:
                    progress = _a.sent();
                    if (progress.data.status === 2)
                        return [2 /*return*/, progress.data.imgs];
                    return [3 /*break*/, 0];
                case 3: return [2 /*return*/];
            }
        });
    });
}
// A hand-written state machine that only looks like tsc's: not a `__generator` body, so the
// value of `[4, …]` is not followed (it stays an escape, and the read below is not reported).
function replay(state, taskId) {
    switch (state.label) {
        case 0: return [4, fetch("https://api.novita.ai/v2/progress?task_id=".concat(taskId))];
        case 1: return state.sent().data.imgs;
    }
}
