/**
 * The V2 -> V3 decision for one request body, from what is known about it
 * statically (or at run time). "Never change behaviour silently": a body is
 * plain V3 only when V3 expresses its V2 semantics exactly.
 */
import {
  describeParamFate,
  describePartnerOff,
  describeResizeModeGate,
  describeTunedPartnerOn,
  describeUnknownResizeMode,
  describeUnknownUpscalerName,
  type ParamFate,
  type ResizeModeFact,
} from './field-fate-message.js';
import { findUpscaler, type V3ModelName } from './upscalers.js';
import { V2_UPSCALE_FIELDS, findV2Field, type V2FieldSpec } from './v2-upscale-fields.js';
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
  /**
   * True when dropping it changes what the call does (e.g. the TTL), so fix's summary notes it; false when it has
   * no effect. Lint reports every V2 field either way (`fates`).
   */
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
      /** The fate of every V2 field present, in the spec's order. */
      fates: ParamFate[];
    }
  | { kind: 'shim'; reasons: BlockReason[]; dropped: DroppedParam[]; fates: ParamFate[] };

/** V2's default magnification when `upscaling_resize` is absent (A1111). */
const DEFAULT_SCALE = findV2Field('upscaling_resize')!.default as number;

type Switch = 'on' | 'off' | 'unknown';

/** Whether V2 runs the feature a field turns on: an absent field is off only when every client leaves it off. */
function switchOf(field: V2FieldSpec, p: KnownParam | undefined): Switch {
  if (!p) return [field.default, ...(field.sentWhenAbsent !== undefined ? [field.sentWhenAbsent] : [])].every((v) => field.inertWhen?.(v)) ? 'off' : 'on';
  if (!p.known) return 'unknown';
  return field.inertWhen?.(p.value) ? 'off' : 'on';
}

export function planUpscale(facts: BodyFacts): UpscalePlan {
  const reasons: BlockReason[] = [];
  const dropped: DroppedParam[] = [];
  const fates: ParamFate[] = [];
  if (facts.bodyUnknown) {
    return { kind: 'shim', reasons: [{ kind: 'unknown-body', message: 'the request body cannot be known statically' }], dropped, fates };
  }
  const byName = new Map(facts.params.map((p) => [p.name, p]));
  if (facts.hasUnknownKeys) {
    reasons.push({ kind: 'unknown-keys', message: 'the body spreads an object whose keys cannot be known statically' });
  }

  const mode = byName.get('resize_mode');
  const modeIsZero = !mode || (mode.known && (mode.value === 0 || mode.value === null || mode.value === undefined));
  const modeIsOne = !!mode && mode.known && mode.value === 1;
  const modeFact: ResizeModeFact = !mode ? { kind: 'absent' } : mode.known ? { kind: 'known', value: mode.value } : { kind: 'unknown' };

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

  const noEffect = (field: V2FieldSpec, p: KnownParam, why: string) => {
    fates.push({ kind: 'no-effect', name: field.name, value: p.value, known: p.known, why });
    dropped.push({ name: field.name, message: `\`${field.name}\` has no effect here (${why})`, reported: false });
  };
  const needsShim = (field: V2FieldSpec, message: string, blocks: boolean) => {
    fates.push({ kind: 'needs-shim', name: field.name, message });
    if (blocks) reasons.push({ kind: 'param', name: field.name, message });
  };

  for (const field of V2_UPSCALE_FIELDS) {
    const p = byName.get(field.name);
    if (!p) continue;
    if (field.name === 'upscaler_1') {
      if (modelName) fates.push({ kind: 'moves', name: field.name, value: p.value, known: p.known, v3Field: (field.fate as { v3Field: string }).v3Field, as: modelName, substitute: !!substitutedFrom });
      else fates.push({ kind: 'needs-shim', name: field.name, message: reasons.find((r) => r.kind === 'upscaler' && r.name === 'upscaler_1')!.message });
      continue;
    }
    if (field.fate.kind === 'move') {
      fates.push({ kind: 'moves', name: field.name, value: p.value, known: p.known, v3Field: field.fate.v3Field });
      continue;
    }
    // Read only in one resize mode: no effect in the other one; needs the shim while the mode is not known.
    if ((field.onlyInResizeMode1 && modeIsZero) || (field.onlyInResizeMode0 && modeIsOne)) {
      noEffect(field, p, describeResizeModeGate(field.onlyInResizeMode1 ? 1 : 0, modeFact));
      continue;
    }
    if (field.onlyInResizeMode0 && !modeIsZero) {
      needsShim(field, describeUnknownResizeMode(field, p.value, p.known), false);
      continue;
    }
    if (field.fate.kind === 'move-if-in-range') {
      const message = describeParamFate(field, p.value, p.known);
      if (message) fates.push({ kind: 'needs-shim', name: field.name, message });
      else fates.push({ kind: 'moves', name: field.name, value: p.value, known: p.known, v3Field: field.fate.v3Field });
      continue;
    }
    if (p.known && field.inertWhen?.(p.value)) {
      noEffect(field, p, field.inertMeans ?? 'V2 ignores this value');
      continue;
    }
    // V2 refuses an upscaler name it does not know (code 2 ModelNotExist), even when the upscaler would not run.
    if (field.type === 'upscaler-name' && p.known && typeof p.value === 'string' && !findUpscaler(p.value)) {
      needsShim(field, describeUnknownUpscalerName(field, p.value), true);
      continue;
    }
    const partner = field.readOnlyWith ? findV2Field(field.readOnlyWith) : undefined;
    const partnerParam = partner ? byName.get(partner.name) : undefined;
    const partnerSwitch = partner ? switchOf(partner, partnerParam) : 'on';
    if (partner && partnerSwitch === 'off') {
      noEffect(field, p, describePartnerOff(partner, partnerParam));
      continue;
    }
    if (field.fate.kind === 'drop') {
      fates.push({ kind: 'dropped', name: field.name, value: p.value, known: p.known, v3Behaviour: field.fate.v3Behaviour });
      dropped.push({ name: field.name, message: describeParamFate(field, p.value, p.known)!, reported: true });
      continue;
    }
    if (partner && field.tunesOnly) {
      needsShim(field, describeTunedPartnerOn(field, p.value, p.known, partner, partnerParam), false);
      continue;
    }
    const message = describeParamFate(field, p.value, p.known);
    if (message) needsShim(field, message, true);
  }

  if (reasons.length > 0 || !modelName) return { kind: 'shim', reasons, dropped, fates };
  return { kind: 'plain-v3', modelName, substitutedFrom, scaleFactor, dropped, fates };
}
