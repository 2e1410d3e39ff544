"use strict";
// An async flow compiled to ES5 in tsc's style (tslib's `__awaiter` / `__generator`): every awaited value
// comes back through a `yield` (`return [4 /*yield*/, …]`, then `_a.sent()`). fix follows those, but the task id
// is a `var` assigned in a later state, so the poll cannot be linked to the submit: both go to the shim.
var tslib_1 = require("tslib");
const { upscaleV2 } = require("novita-migrate-shim");
Object.defineProperty(exports, "__esModule", { value: true });
exports.upscaleAndWait = upscaleAndWait;
function upscaleAndWait(image) {
    return tslib_1.__awaiter(this, void 0, void 0, function () {
        var res, json, taskId, poll, progress;
        return tslib_1.__generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, upscaleV2('https://api.novita.ai/v2/upscale', {
                        method: 'POST',
                        headers: { Authorization: "Bearer ".concat(process.env.NOVITA_API_KEY) },
                        body: JSON.stringify({ image: image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
                    })];
                case 1:
                    res = _a.sent();
                    return [4 /*yield*/, res.json()];
                case 2:
                    json = _a.sent();
                    taskId = json.data.task_id;
                    _a.label = 3;
                case 3: return [4 /*yield*/, upscaleV2("https://api.novita.ai/v2/progress?task_id=" + taskId, {
                        headers: { Authorization: "Bearer ".concat(process.env.NOVITA_API_KEY) },
                    })];
                case 4:
                    poll = _a.sent();
                    return [4 /*yield*/, poll.json()];
                case 5:
                    progress = _a.sent();
                    if (progress.data.status === 2)
                        return [2 /*return*/, progress.data.imgs];
                    return [4 /*yield*/, new Promise(function (r) { return setTimeout(r, 1000); })];
                case 6:
                    _a.sent();
                    return [3 /*break*/, 3];
                case 7: return [2 /*return*/];
            }
        });
    });
}
