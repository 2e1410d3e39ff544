// Bundled output with the helpers inlined: tsc's `__assign`, Babel's `_extends` and `_objectSpread2`.
var __assign = (this && this.__assign) || function () {
    __assign = Object.assign || function (t) {
        for (var s, i = 1, n = arguments.length; i < n; i++) {
            s = arguments[i];
            for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p)) t[p] = s[p];
        }
        return t;
    };
    return __assign.apply(this, arguments);
};
function _extends() { return _extends = Object.assign ? Object.assign.bind() : function (n) { for (var e = 1; e < arguments.length; e++) { var t = arguments[e]; for (var r in t) ({}).hasOwnProperty.call(t, r) && (n[r] = t[r]); } return n; }, _extends.apply(null, arguments); }
function _objectSpread2(e) { for (var r = 1; r < arguments.length; r++) { var t = null != arguments[r] ? arguments[r] : {}; Object.assign(e, t); } return e; }
function withKey(init) { return init; }

var API = 'https://api.novita.ai/v2/upscale';

export function faceFix(image) {
  var payload = __assign({ image: image, upscaler_1: 'R-ESRGAN 4x+' }, { upscaling_resize: 2 });
  __assign(payload, { gfpgan_visibility: 0.8 });
  return fetch(API, { method: 'POST', body: JSON.stringify(payload) });
}

export function anime(image, extra) {
  return fetch(API, { method: 'POST', body: JSON.stringify(_extends({}, extra, { image: image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'ESRGAN_4x' })) });
}

export function resizeTo(image, size) {
  var body = _objectSpread2(_objectSpread2({}, size), {}, { image: image, resize_mode: 1, upscaling_crop: true });
  return fetch(API, { method: 'POST', body: JSON.stringify(body) });
}

// `withKey` is not a merge helper: its result is not a known body.
export function keyed(image) {
  return fetch(API, { method: 'POST', body: JSON.stringify(withKey({ image: image, codeformer_visibility: 0.4 })) });
}
