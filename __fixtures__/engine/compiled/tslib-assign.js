"use strict";
// tsc output (target ES2017, importHelpers): object spreads became tslib's `__assign`.
Object.defineProperty(exports, "__esModule", { value: true });
exports.submitUpscale = submitUpscale;
exports.submitWithDefaults = submitWithDefaults;
exports.submitMerged = submitMerged;
const tslib_1 = require("tslib");
const lodash_1 = require("lodash");
const NOVITA = 'https://api.novita.ai';
const DEFAULTS = { upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 };
async function submitUpscale(params) {
    const res = await fetch(`${NOVITA}/v2/upscale`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
        body: JSON.stringify(tslib_1.__assign(tslib_1.__assign({}, params), { gfpgan_visibility: 0.5 })),
    });
    return res.json();
}
async function submitWithDefaults(image) {
    const body = (0, tslib_1.__assign)((0, tslib_1.__assign)({}, DEFAULTS), { image: image, img_expire_ttl: 600 });
    const res = await fetch(`${NOVITA}/v2/upscale`, { method: 'POST', body: JSON.stringify(body) });
    return res.json();
}
// Not a merge helper: what `lodash_1.merge` builds is not read as a body.
async function submitMerged(params) {
    const res = await fetch(`${NOVITA}/v2/upscale`, {
        method: 'POST',
        body: JSON.stringify((0, lodash_1.merge)({}, params, { codeformer_visibility: 0.3 })),
    });
    return res.json();
}
