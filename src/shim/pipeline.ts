/**
 * The V2 ("AUTOMATIC1111 extras") pipeline: decode, upscale (model passes
 * until the image covers the destination, then Lanczos onto it), crop,
 * second upscaler blended, GFPGAN then CodeFormer each blended. Neural steps
 * go to the backend; everything else is computed here.
 */
import { V2_CODES } from '../spec/codes.js';
import type { UpscalerSpec } from '../spec/upscalers.js';
import { describeUpscalerFate } from '../spec/upscalers.js';
import { V2_MAX_OUTPUT_SIDE } from '../spec/v2-upscale-fields.js';
import { V3_MAX_INPUT_SIDE, V3_SCALE_FACTOR } from '../spec/v3.js';
import { V2Error, type BackendContext, type RgbImage, type UpscaleBackend } from './backend.js';
import { blend } from './image/blend.js';
import { pasteCentred } from './image/crop.js';
import { decodeImage } from './image/decode.js';
import { releaseImage } from './image/image-buffers.js';
import { resizeLanczos, resizeNearest } from './image/resize.js';
import { destinationSize, geometryOf, scaleFor } from './sizes.js';
import type { ValidatedV2Request } from './validate-request.js';

/** A1111 runs an upscaler's model at most this many times. */
const MAX_MODEL_PASSES = 3;

/** One upscaler applied as A1111's `Upscaler.upscale(img, scale)` does. */
export async function runUpscaler(image: RgbImage, upscaler: UpscalerSpec, scale: number, backend: UpscaleBackend, ctx: BackendContext): Promise<RgbImage> {
  const dest = destinationSize(image.width, image.height, scale);
  if (dest.width < 1 || dest.height < 1) throw new V2Error(V2_CODES.ParamRangeOutOfLimit, 'the result would be empty');
  const fate = upscaler.fate;
  let img = image;
  // Each step's input, once replaced, is given back to the pool (never the caller's image).
  const next = (out: RgbImage) => {
    if (img !== image) releaseImage(img, image, out);
    img = out;
  };
  if (fate.kind === 'local') {
    // Lanczos/Nearest resize by the factor, then Lanczos onto the 8-aligned destination (A1111 does the same).
    if (fate.resampler === 'nearest') next(resizeNearest(img, Math.trunc(img.width * scale), Math.trunc(img.height * scale)));
    else if (fate.resampler === 'lanczos') next(resizeLanczos(img, Math.trunc(img.width * scale), Math.trunc(img.height * scale)));
  } else {
    if (fate.kind === 'substitute') ctx.warn(`model-${upscaler.name}`, describeUpscalerFate(upscaler.name));
    for (let pass = 0; pass < MAX_MODEL_PASSES; pass++) {
      if (img.width >= dest.width && img.height >= dest.height) break;
      if (img.width > V3_MAX_INPUT_SIDE || img.height > V3_MAX_INPUT_SIDE) break; // V3 refuses it: finish locally
      const needed = Math.max(dest.width / img.width, dest.height / img.height);
      // V3 accepts (1, 4]: the model's native 4x at most, and a hair above 1 at least.
      const factor = Math.min(V3_SCALE_FACTOR.maxInclusive, Math.max(needed, 1.0001));
      next(await backendUpscale(backend, img, fate.v3Model, factor, ctx));
    }
  }
  if (img.width !== dest.width || img.height !== dest.height) next(resizeLanczos(img, dest.width, dest.height));
  return img;
}

function backendUpscale(backend: UpscaleBackend, img: RgbImage, model: Parameters<UpscaleBackend['upscale']>[1], factor: number, ctx: BackendContext): Promise<RgbImage> {
  if (ctx.signal?.aborted) throw new V2Error(V2_CODES.Timeout, 'the task timed out');
  return backend.upscale(img, model, factor, ctx);
}

/** Refuses a result over 2048 on a side before doing any work (V2 code 6). */
export function checkOutputSize(req: ValidatedV2Request, width: number, height: number): void {
  // With upscaler_1 None the output is the input: the limit holds for it too.
  const output = req.upscaler1 ? geometryOf(req, width, height).output : { width, height };
  if (output.width > V2_MAX_OUTPUT_SIDE || output.height > V2_MAX_OUTPUT_SIDE) {
    throw new V2Error(V2_CODES.ParamRangeOutOfLimit, `the result would be ${output.width}x${output.height}; V2 allows at most ${V2_MAX_OUTPUT_SIDE} on a side`);
  }
}

export async function decodeAndCheck(req: ValidatedV2Request): Promise<RgbImage> {
  const image = await decodeImage(req.image);
  checkOutputSize(req, image.width, image.height);
  return image;
}

export async function runV2Pipeline(req: ValidatedV2Request, backend: UpscaleBackend, ctx: BackendContext, decoded?: RgbImage): Promise<RgbImage> {
  const original = decoded ?? (await decodeAndCheck(req));
  let image = original;
  if (req.upscaler1) {
    const scale = scaleFor(req, original.width, original.height);
    const geometry = geometryOf(req, original.width, original.height);
    const cropTo = (img: RgbImage) => {
      if (!(req.resizeMode === 1 && req.crop)) return img;
      const cropped = pasteCentred(img, geometry.output.width, geometry.output.height);
      releaseImage(img, original);
      return cropped;
    };
    image = cropTo(await runUpscaler(original, req.upscaler1, scale, backend, ctx));
    if (req.upscaler2 && req.upscaler2Visibility > 0) {
      const second = cropTo(await runUpscaler(original, req.upscaler2, scale, backend, ctx));
      image = blended(image, second, req.upscaler2Visibility, original);
    }
  }
  if (req.gfpganVisibility > 0) {
    const restored = await backend.restoreFace(image, 'gfpgan', 1, ctx);
    image = req.gfpganVisibility < 1 ? blended(image, restored, req.gfpganVisibility, original) : replaced(image, restored, original);
  }
  if (req.codeformerVisibility > 0) {
    const restored = await backend.restoreFace(image, 'codeformer', req.codeformerWeight, ctx);
    image = req.codeformerVisibility < 1 ? blended(image, restored, req.codeformerVisibility, original) : replaced(image, restored, original);
  }
  return image;
}

/** `blend(a, b, v)`; a and b are given back to the pool (unless one is the decoded input). */
function blended(a: RgbImage, b: RgbImage, visibility: number, original: RgbImage): RgbImage {
  const out = blend(a, b, visibility);
  releaseImage(a, original);
  releaseImage(b, original);
  return out;
}

/** `next` replaces `prev`, which is given back unless still in use. */
function replaced(prev: RgbImage, next: RgbImage, original: RgbImage): RgbImage {
  releaseImage(prev, original, next);
  return next;
}
