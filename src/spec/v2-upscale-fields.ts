/**
 * Every field of the V2 `POST /v2/upscale` body, its type and range, and its
 * V3 fate. Rules, messages, transforms, the shim's validation and the
 * README's mapping table all read this table.
 */
import { NOVITA_SDK_1X_DEFAULT_UPSCALER } from './novita-sdk.js';
import { V3_RESULT_TTL_SECONDS, V3_UPSCALE_REQUEST } from './v3.js';

export type V2FieldType = 'string' | 'upscaler-name' | 'integer' | 'number' | 'boolean' | 'enum';

export type FieldFate =
  /** Moves as it is to a V3 field. Described in the `no-v2-upscale` message, never reported alone. */
  | { kind: 'move'; v3Field: string }
  /** Moves to a V3 field through the upscaler-name table (upscalers.ts). */
  | { kind: 'map-name'; v3Field: string }
  /** Moves to a V3 field only when the value lies in V3's range; otherwise the shim. */
  | { kind: 'move-if-in-range'; v3Field: string }
  /** Only some values are expressible on V3 (listed); any other value needs the shim. */
  | { kind: 'values'; plainV3Values: readonly (number | string | boolean)[] }
  /** No V3 equivalent: a call that uses it is routed to the compat shim. */
  | { kind: 'shim' }
  /** V3 dropped it (behaviour fixed by V3); fix removes it and reports. */
  | { kind: 'drop'; v3Behaviour: string };

export interface V2FieldSpec {
  name: string;
  type: V2FieldType;
  required: boolean;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Allowed values for enums. */
  values?: readonly (number | string)[];
  /** The value V2 assumed when the field was absent (A1111 defaults). */
  default?: number | string | boolean | null;
  /** Short meaning, for docs. */
  meaning: string;
  fate: FieldFate;
  /**
   * The field is harmless when it has this value (e.g. a visibility of 0),
   * so it does not block a plain V3 rewrite.
   */
  inertWhen?: (value: unknown) => boolean;
  /** What such a value means, for messages: `no GFPGAN pass`. */
  inertMeans?: string;
  /** When it is on (not inert), for messages and docs: `> 0`. */
  onWhen?: string;
  /** Only read by V2 in `resize_mode` 1; inert when the mode is known to be 0. */
  onlyInResizeMode1?: boolean;
  /** Only read by V2 in `resize_mode` 0; inert when the mode is known to be 1. */
  onlyInResizeMode0?: boolean;
  /** V2 reads it only when this other field is on (DESIGN.md, "V2 semantics"); inert when that one is off. */
  readOnlyWith?: string;
  /** It only tunes `readOnlyWith` (CodeFormer's weight): that field, not this one, is why a call needs the shim. */
  tunesOnly?: boolean;
  /** What a client sends when the field is absent, if not V2's default (novita-sdk 1.x fills in upscalers). */
  sentWhenAbsent?: string;
}

const zeroOrAbsent = (v: unknown): boolean => v === 0 || v === null || v === undefined;
const falsy = (v: unknown): boolean => v === false || v === null || v === undefined || v === 0;
/** `None` (or empty) for every client: novita-sdk 1.x sends its default upscaler for a null or absent one. */
const noUpscaler = (v: unknown): boolean => v === 'None' || v === '';

export const V2_UPSCALE_FIELDS: readonly V2FieldSpec[] = [
  {
    name: 'image',
    type: 'string',
    required: true,
    meaning: 'base64 image (clients sometimes send a data-URL prefix)',
    fate: { kind: 'move', v3Field: V3_UPSCALE_REQUEST.imageBase64 },
  },
  {
    name: 'upscaler_1',
    type: 'upscaler-name',
    required: false,
    default: 'None',
    meaning: 'upscaler name, e.g. `R-ESRGAN 4x+`',
    fate: { kind: 'map-name', v3Field: V3_UPSCALE_REQUEST.modelName },
  },
  {
    name: 'resize_mode',
    type: 'enum',
    required: false,
    values: [0, 1],
    default: 0,
    meaning: '0 = scale by `upscaling_resize`; 1 = scale to `upscaling_resize_w` x `upscaling_resize_h`',
    fate: { kind: 'values', plainV3Values: [0] },
    inertWhen: zeroOrAbsent,
    inertMeans: 'V3 always scales by `request.scale_factor`, as mode 0 did',
  },
  {
    name: 'upscaling_resize',
    type: 'number',
    required: false,
    min: 1,
    max: 8,
    default: 2,
    meaning: 'magnification factor',
    fate: { kind: 'move-if-in-range', v3Field: V3_UPSCALE_REQUEST.scaleFactor },
    onlyInResizeMode0: true,
  },
  {
    name: 'upscaling_resize_w',
    type: 'integer',
    required: false,
    min: 1,
    max: 2048,
    default: 512,
    meaning: 'target width in mode 1',
    fate: { kind: 'shim' },
    onlyInResizeMode1: true,
  },
  {
    name: 'upscaling_resize_h',
    type: 'integer',
    required: false,
    min: 1,
    max: 2048,
    default: 512,
    meaning: 'target height in mode 1',
    fate: { kind: 'shim' },
    onlyInResizeMode1: true,
  },
  {
    name: 'upscaling_crop',
    type: 'boolean',
    required: false,
    default: true,
    meaning: 'mode 1: centre-crop to exactly w x h after scaling to cover',
    fate: { kind: 'shim' },
    onlyInResizeMode1: true,
  },
  {
    name: 'upscaler_2',
    type: 'upscaler-name',
    required: false,
    default: 'None',
    meaning: 'second upscaler, blended over the first',
    fate: { kind: 'shim' },
    inertWhen: noUpscaler,
    inertMeans: 'no second upscaler',
    onWhen: 'names an upscaler other than `None`',
    readOnlyWith: 'extras_upscaler_2_visibility',
    sentWhenAbsent: NOVITA_SDK_1X_DEFAULT_UPSCALER,
  },
  {
    name: 'extras_upscaler_2_visibility',
    type: 'number',
    required: false,
    min: 0,
    max: 1,
    default: 0,
    meaning: 'blend weight of upscaler 2',
    fate: { kind: 'shim' },
    inertWhen: zeroOrAbsent,
    inertMeans: 'nothing of a second upscaler is blended in',
    onWhen: '> 0',
    readOnlyWith: 'upscaler_2',
  },
  {
    name: 'gfpgan_visibility',
    type: 'number',
    required: false,
    min: 0,
    max: 1,
    default: 0,
    meaning: 'GFPGAN face restoration, blended by this weight',
    fate: { kind: 'shim' },
    inertWhen: zeroOrAbsent,
    inertMeans: 'no GFPGAN pass',
    onWhen: '> 0',
  },
  {
    name: 'codeformer_visibility',
    type: 'number',
    required: false,
    min: 0,
    max: 1,
    default: 0,
    meaning: 'CodeFormer face restoration, blended by this weight',
    fate: { kind: 'shim' },
    inertWhen: zeroOrAbsent,
    inertMeans: 'no CodeFormer pass',
    onWhen: '> 0',
  },
  {
    name: 'codeformer_weight',
    type: 'number',
    required: false,
    min: 0,
    max: 1,
    default: 0,
    meaning: 'CodeFormer fidelity: 0 = maximum effect, 1 = minimum',
    fate: { kind: 'shim' },
    // The fidelity of the CodeFormer pass: without CodeFormer visibility the weight does nothing.
    readOnlyWith: 'codeformer_visibility',
    tunesOnly: true,
  },
  {
    name: 'img_expire_ttl',
    type: 'integer',
    required: false,
    min: 0,
    max: 604800,
    default: 3600,
    meaning: 'seconds the result images are kept',
    fate: { kind: 'drop', v3Behaviour: `V3 keeps results a fixed ${V3_RESULT_TTL_SECONDS} s` },
    inertWhen: (v) => v === V3_RESULT_TTL_SECONDS,
    inertMeans: `V3 keeps results ${V3_RESULT_TTL_SECONDS} s too`,
  },
];

const BY_NAME = new Map(V2_UPSCALE_FIELDS.map((f) => [f.name, f]));

export function findV2Field(name: string): V2FieldSpec | undefined {
  return BY_NAME.get(name);
}

export const V2_UPSCALE_FIELD_NAMES: readonly string[] = V2_UPSCALE_FIELDS.map((f) => f.name);

/** The V2 output limit: at most this many pixels on a side, else code 6. */
export const V2_MAX_OUTPUT_SIDE = 2048;
/** V2's `img_expire_ttl` default, in seconds. */
export const V2_DEFAULT_IMG_EXPIRE_TTL = 3600;
