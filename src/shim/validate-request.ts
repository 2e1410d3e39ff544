/**
 * A V2 upscale body checked the way V2 checked it: unknown upscaler names are
 * code 2 ModelNotExist; a missing image or a value out of range is code 6
 * ParamRangeOutOfLimit. Ranges and defaults come from the spec.
 */
import { V2_CODES } from '../spec/codes.js';
import { findUpscaler, type UpscalerSpec } from '../spec/upscalers.js';
import { findV2Field, V2_DEFAULT_IMG_EXPIRE_TTL } from '../spec/v2-upscale-fields.js';
import { V2Error } from './backend.js';

export interface ValidatedV2Request {
  image: string;
  upscaler1?: UpscalerSpec; // undefined: `None` (no upscale)
  resizeMode: 0 | 1;
  upscalingResize: number;
  resizeW: number;
  resizeH: number;
  crop: boolean;
  upscaler2?: UpscalerSpec;
  upscaler2Visibility: number;
  gfpganVisibility: number;
  codeformerVisibility: number;
  codeformerWeight: number;
  imgExpireTtl: number;
}

const range = (msg: string) => new V2Error(V2_CODES.ParamRangeOutOfLimit, msg);

function numberField(body: Record<string, unknown>, name: string, integer = false): number {
  const spec = findV2Field(name)!;
  const raw = body[name];
  if (raw === undefined || raw === null) return spec.default as number;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw range(`\`${name}\` must be a number`);
  if (integer && !Number.isInteger(raw)) throw range(`\`${name}\` must be an integer`);
  if ((spec.min !== undefined && raw < spec.min) || (spec.max !== undefined && raw > spec.max)) {
    throw range(`\`${name}\` = ${raw} is out of range [${spec.min}, ${spec.max}]`);
  }
  return raw;
}

function upscalerField(body: Record<string, unknown>, name: string): UpscalerSpec | undefined {
  const raw = body[name];
  if (raw === undefined || raw === null || raw === '' || raw === 'None') return undefined;
  if (typeof raw !== 'string') throw new V2Error(V2_CODES.ModelNotExist, `\`${name}\` must be an upscaler name`);
  const spec = findUpscaler(raw);
  if (!spec) throw new V2Error(V2_CODES.ModelNotExist, `upscaler ${JSON.stringify(raw)} does not exist`);
  return spec;
}

export function validateV2UpscaleBody(body: unknown): ValidatedV2Request {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new V2Error(V2_CODES.InvalidJSON, 'the request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.image !== 'string' || b.image.length === 0) throw range('`image` is required (base64)');
  const mode = b.resize_mode ?? findV2Field('resize_mode')!.default;
  if (mode !== 0 && mode !== 1) throw range('`resize_mode` must be 0 or 1');
  const crop = b.upscaling_crop ?? findV2Field('upscaling_crop')!.default;
  if (typeof crop !== 'boolean') throw range('`upscaling_crop` must be a boolean');
  return {
    image: b.image,
    upscaler1: upscalerField(b, 'upscaler_1'),
    resizeMode: mode,
    upscalingResize: numberField(b, 'upscaling_resize'),
    resizeW: numberField(b, 'upscaling_resize_w', true),
    resizeH: numberField(b, 'upscaling_resize_h', true),
    crop,
    upscaler2: upscalerField(b, 'upscaler_2'),
    upscaler2Visibility: numberField(b, 'extras_upscaler_2_visibility'),
    gfpganVisibility: numberField(b, 'gfpgan_visibility'),
    codeformerVisibility: numberField(b, 'codeformer_visibility'),
    codeformerWeight: numberField(b, 'codeformer_weight'),
    imgExpireTtl: b.img_expire_ttl === undefined || b.img_expire_ttl === null ? V2_DEFAULT_IMG_EXPIRE_TTL : numberField(b, 'img_expire_ttl', true),
  };
}
