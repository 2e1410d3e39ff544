/**
 * The V2 -> V3 decision for one request body, from what is known about it
 * statically (or at run time). "Never change behaviour silently": a body is
 * plain V3 only when V3 expresses its V2 semantics exactly.
 */
import { describeParamFate } from './field-fate-message.js';
import { findUpscaler, type V3ModelName } from './upscalers.js';
import { V2_UPSCALE_FIELDS, findV2Field } from './v2-upscale-fields.js';
import { isV3ScaleFactor } from './v3.js';

/** What is known about one body property. */
export interface KnownParam {
  name: string;
  /** True when `value` is the value the program will send. */
  known: boolean;
  value?: unknown;
}

export interface BodyFacts {
  params: readonly KnownParam[];
  /** The body spreads or merges something whose keys cannot be known statically. */
  hasUnknownKeys: boolean;
  /** The body itself could not be found or resolved at all. */
  bodyUnknown?: boolean;
}

export type BlockReason =
  | { kind: 'param'; name: string; message: string }
  | { kind: 'upscaler'; name: string; value?: unknown; message: string }
  | { kind: 'unknown-keys'; message: string }
  | { kind: 'unknown-body'; message: string };

export interface DroppedParam {
  name: string;
  /** Why it can go: dropped by V3, or it has no effect with its value. */
  message: string;
  /** True when dropping it is reported (V3 changes behaviour, e.g. TTL); false when inert. */
  reported: boolean;
}

export type UpscalePlan =
  | {
      kind: 'plain-v3';
      modelName: V3ModelName;
      /** The V2 name, when it differs from the V3 model (a substitution is reported). */
      substitutedFrom?: string;
      scaleFactor: number;
      dropped: DroppedParam[];
    }
  | { kind: 'shim'; reasons: BlockReason[]; dropped: DroppedParam[] };

/** V2's default magnification when `upscaling_resize` is absent (A1111). */
const DEFAULT_SCALE = findV2Field('upscaling_resize')!.default as number;

export function planUpscale(facts: BodyFacts): UpscalePlan {
  const reasons: BlockReason[] = [];
  const dropped: DroppedParam[] = [];
  if (facts.bodyUnknown) {
    return { kind: 'shim', reasons: [{ kind: 'unknown-body', message: 'the request body cannot be known statically' }], dropped };
  }
  const byName = new Map(facts.params.map((p) => [p.name, p]));
  if (facts.hasUnknownKeys) {
    reasons.push({ kind: 'unknown-keys', message: 'the body spreads an object whose keys cannot be known statically' });
  }

  const mode = byName.get('resize_mode');
  const modeIsZero = !mode || (mode.known && (mode.value === 0 || mode.value === null || mode.value === undefined));

  // upscaler_1: must be an AI name with a V3 model.
  let modelName: V3ModelName | undefined;
  let substitutedFrom: string | undefined;
  const up1 = byName.get('upscaler_1');
  if (!up1 || !up1.known || typeof up1.value !== 'string') {
    reasons.push({
      kind: 'upscaler',
      name: 'upscaler_1',
      value: up1?.value,
      message: !up1
        ? '`upscaler_1` is absent (V2 default `None`: no AI upscale); fix routes this call to the compat shim'
        : '`upscaler_1` is not known statically; fix routes this call to the compat shim',
    });
  } else {
    const spec = findUpscaler(up1.value);
    if (spec && spec.fate.kind !== 'local') {
      modelName = spec.fate.v3Model;
      if (spec.fate.kind === 'substitute') substitutedFrom = spec.name;
    } else {
      reasons.push({
        kind: 'upscaler',
        name: 'upscaler_1',
        value: up1.value,
        message: spec
          ? `\`upscaler_1\` = ${JSON.stringify(up1.value)} has no V3 model; fix routes this call to the compat shim`
          : `\`upscaler_1\` = ${JSON.stringify(up1.value)} is not a V2 upscaler name; fix routes this call to the compat shim`,
      });
    }
  }

  // upscaling_resize: known and inside V3's range (absent means V2's default 2).
  let scaleFactor = DEFAULT_SCALE;
  const scale = byName.get('upscaling_resize');
  if (scale && modeIsZero) {
    if (scale.known && typeof scale.value === 'number' && isV3ScaleFactor(scale.value)) scaleFactor = scale.value;
    else reasons.push({ kind: 'param', name: 'upscaling_resize', message: describeParamFate(findV2Field('upscaling_resize')!, scale.value, scale.known)! });
  }

  for (const field of V2_UPSCALE_FIELDS) {
    const p = byName.get(field.name);
    if (!p || field.name === 'upscaler_1' || field.name === 'upscaling_resize' || field.name === 'image') continue;
    if (field.onlyInResizeMode1 && modeIsZero && mode?.known !== false) {
      dropped.push({ name: field.name, message: `\`${field.name}\` has no effect in \`resize_mode\` 0`, reported: false });
      continue;
    }
    if (p.known && field.inertWhen?.(p.value)) {
      dropped.push({ name: field.name, message: `\`${field.name}\` = ${JSON.stringify(p.value)} has no effect`, reported: false });
      continue;
    }
    if (field.fate.kind === 'drop') {
      dropped.push({ name: field.name, message: describeParamFate(field, p.value, p.known)!, reported: true });
      continue;
    }
    const message = describeParamFate(field, p.value, p.known);
    if (message) reasons.push({ kind: 'param', name: field.name, message });
  }

  if (reasons.length > 0 || !modelName) return { kind: 'shim', reasons, dropped };
  return { kind: 'plain-v3', modelName, substitutedFrom, scaleFactor, dropped };
}
