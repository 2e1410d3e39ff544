/**
 * Human sentences for a V2 field's V3 fate: the one wording rules (v2-param), fix's TODOs and summary, the ESLint
 * plugin (which shows the rules' messages) and the README's mapping table share.
 *
 * Every V2 field present in a body has one fate (`ParamFate`, decided by `planUpscale`):
 * - it **moves** to a V3 field (`image` -> `request.image_base64`);
 * - it **needs the shim** (V3 cannot express it; the reason says why);
 * - it has **no effect here** with these values (V2 ignored it), so a V3 rewrite drops it;
 * - it was **dropped** by V3 (`img_expire_ttl`: V3 keeps results a fixed 3600 s).
 * What fix does with a field that moves, has no effect or was dropped depends on the call: a call written as V3
 * loses it; a call that goes to the compat shim keeps its V2 body as it is (`describeParamOutcome`).
 */
import { findV2Field, type V2FieldSpec } from './v2-upscale-fields.js';
import { V3_SCALE_FACTOR, isV3ScaleFactor } from './v3.js';

const SHIM = 'fix routes this call to the compat shim';

/** What happens to one V2 field present in a body. */
export type ParamFate =
  | { kind: 'moves'; name: string; value?: unknown; known: boolean; v3Field: string; as?: string; substitute?: boolean }
  | { kind: 'needs-shim'; name: string; message: string }
  | { kind: 'no-effect'; name: string; value?: unknown; known: boolean; why: string }
  | { kind: 'dropped'; name: string; value?: unknown; known: boolean; v3Behaviour: string };

/** Where fix sends the whole call: written as V3, or through the compat shim (`because`: the first reason). */
export type CallRoute = { to: 'v3' } | { to: 'shim'; because: string };

/** What is known about `resize_mode` in a body. */
export type ResizeModeFact = { kind: 'absent' } | { kind: 'unknown' } | { kind: 'known'; value: unknown };

/** `\`name\` = value` when the value is known and short; `\`name\`` otherwise (never an image). */
function subject(name: string, value: unknown, known: boolean): string {
  if (!known || name === 'image' || value === undefined) return `\`${name}\``;
  const json = JSON.stringify(value);
  return json !== undefined && json.length <= 32 ? `\`${name}\` = ${json}` : `\`${name}\``;
}

/** A shim reason as a clause (`\`gfpgan_visibility\` has no V3 equivalent`), for `CallRoute.because`. */
export function shimReasonClause(message: string): string {
  return message.replace(/(?:;|,) (?:so )?fix routes this call to the compat shim.*$/, '');
}

/**
 * The message lint shows for one V2 field present in a body, given where fix sends the call. Each one says the
 * field's fate and what fix does with it, so a report lists every field V3 will not accept.
 */
export function describeParamOutcome(fate: ParamFate, route: CallRoute): string {
  const keeps = (also = '') => `fix keeps it${also}, as this call needs the compat shim: ${route.to === 'shim' ? route.because : ''}`;
  switch (fate.kind) {
    case 'needs-shim':
      return fate.message;
    case 'moves': {
      const as = fate.as ? ` as \`${fate.as}\`${fate.substitute ? ' (the nearest V3 model)' : ''}` : '';
      const what = `${subject(fate.name, fate.value, fate.known)} moves to \`${fate.v3Field}\`${as}`;
      return route.to === 'v3' ? `${what}; fix moves it` : `${what} on V3; ${keeps()}`;
    }
    case 'no-effect': {
      const what = `${subject(fate.name, fate.value, fate.known)} has no effect here (${fate.why})`;
      return route.to === 'v3' ? `${what}; fix removes it` : `${what}; ${keeps(' (the shim ignores it, as V2 did)')}`;
    }
    case 'dropped': {
      const what = `\`${fate.name}\` was dropped in V3 (${fate.v3Behaviour})`;
      return route.to === 'v3' ? `${what}; fix removes it` : `${what}; ${keeps()}`;
    }
  }
}

const modeText = (mode: ResizeModeFact): string =>
  mode.kind === 'absent' ? `absent, which V2 took as ${JSON.stringify(findV2Field('resize_mode')!.default)}` : mode.kind === 'unknown' ? 'not known statically' : JSON.stringify(mode.value);

/** Why a field read only in one resize mode has no effect in the other. */
export function describeResizeModeGate(readIn: 0 | 1, mode: ResizeModeFact): string {
  return `V2 reads it only in \`resize_mode\` ${readIn}, and \`resize_mode\` is ${modeText(mode)}`;
}

/** A mode-0 field (`upscaling_resize`) while the mode is not known: the shim decides at run time. */
export function describeUnknownResizeMode(field: V2FieldSpec, value: unknown, known: boolean): string {
  return `${subject(field.name, value, known)} is read only in \`resize_mode\` 0, and \`resize_mode\` is not known statically; ${SHIM}`;
}

/** V2 refused an upscaler name it did not know, whether the upscaler would run or not. */
export function describeUnknownUpscalerName(field: V2FieldSpec, value: string): string {
  return `\`${field.name}\` = ${JSON.stringify(value)} is not a V2 upscaler name (V2 answered code 2 ModelNotExist); ${SHIM}, which does the same`;
}

/** Why a field V2 reads only together with another has no effect: that one is off. */
export function describePartnerOff(partner: V2FieldSpec, param: { known: boolean; value?: unknown } | undefined): string {
  const is = param ? JSON.stringify(param.value) ?? 'undefined' : `absent, which V2 took as ${JSON.stringify(partner.default)}`;
  return `V2 reads it only when \`${partner.name}\` ${partner.onWhen ?? 'is set'}, and \`${partner.name}\` is ${is}`;
}

/** A field that only tunes another (CodeFormer's weight), when that one is on or not known: it matters, on the shim. */
export function describeTunedPartnerOn(field: V2FieldSpec, value: unknown, known: boolean, partner: V2FieldSpec, param: { known: boolean; value?: unknown } | undefined): string {
  const onWhen = `\`${partner.name}\` ${partner.onWhen ?? 'is set'}`;
  const when = !param ? `V2 reads it when ${onWhen}` : param.known ? `V2 reads it because \`${partner.name}\` = ${JSON.stringify(param.value)}` : `V2 reads it when ${onWhen}, which is not known statically`;
  return `${subject(field.name, value, known)} has no V3 equivalent (${when}); ${SHIM}`;
}

/** Why a parameter (with its value, when known) needs attention on V3; undefined when it is a plain move. */
export function describeParamFate(field: V2FieldSpec, value?: unknown, valueKnown = false): string | undefined {
  const f = field.fate;
  const name = `\`${field.name}\``;
  switch (f.kind) {
    case 'move':
    case 'map-name':
      return undefined;
    case 'move-if-in-range': {
      if (valueKnown && typeof value === 'number' && isV3ScaleFactor(value)) return undefined;
      const range = `(${V3_SCALE_FACTOR.minExclusive}, ${V3_SCALE_FACTOR.maxInclusive}]`;
      if (!valueKnown) return `${name} is not known statically; V3 \`${f.v3Field}\` only accepts ${range}, so ${SHIM} (or a runtime guard)`;
      return `${name} = ${JSON.stringify(value)} is outside V3's \`${f.v3Field}\` range ${range}; ${SHIM}`;
    }
    case 'values': {
      if (valueKnown && f.plainV3Values.includes(value as number)) return undefined;
      return valueKnown
        ? `${name} = ${JSON.stringify(value)} has no V3 equivalent; ${SHIM}`
        : `${name} is not known statically and only ${f.plainV3Values.map((v) => JSON.stringify(v)).join(', ')} has a V3 equivalent; ${SHIM}`;
    }
    case 'shim':
      return `${name} has no V3 equivalent; ${SHIM}`;
    case 'drop':
      return `${name} was dropped in V3 (${f.v3Behaviour}); fix removes it`;
  }
}

/** When a field needs the shim, for the docs: `when > 0`, `in \`resize_mode\` 1`; empty when always. */
function shimCondition(field: V2FieldSpec): string {
  if (field.onlyInResizeMode1) return ' in `resize_mode` 1';
  const own = field.inertWhen && field.onWhen ? [`${field.onWhen}`] : [];
  const partner = field.readOnlyWith ? findV2Field(field.readOnlyWith) : undefined;
  const absent = partner?.sentWhenAbsent !== undefined ? ` (or is absent: novita-sdk 1.x then sends \`${partner.sentWhenAbsent}\`)` : '';
  const with_ = partner ? [`\`${partner.name}\` ${partner.onWhen ?? 'is set'}${absent}`] : [];
  if (own.length && with_.length) return ` when it ${own[0]!.startsWith('>') ? 'is ' : ''}${own[0]} and ${with_[0]}`;
  if (own.length) return ` when ${own[0]!.startsWith('>') ? 'it is ' : 'it '}${own[0]}`;
  if (with_.length) return ` when ${with_[0]}`;
  return '';
}

/** One line for the docs: what happens to this field on V3. */
export function describeFieldForDocs(field: V2FieldSpec): string {
  const f = field.fate;
  switch (f.kind) {
    case 'move':
      return `moves to \`${f.v3Field}\``;
    case 'map-name':
      return `moves to \`${f.v3Field}\`, name mapped by the upscaler table`;
    case 'move-if-in-range':
      return `moves to \`${f.v3Field}\` when in (${V3_SCALE_FACTOR.minExclusive}, ${V3_SCALE_FACTOR.maxInclusive}]; otherwise shim${field.onlyInResizeMode0 ? '; no effect in `resize_mode` 1' : ''}`;
    case 'values':
      return `${f.plainV3Values.map((v) => JSON.stringify(v)).join(', ')} has no effect (${field.inertMeans ?? 'V3 does the same'}); other values need the shim`;
    case 'shim': {
      const when = shimCondition(field);
      return `no V3 equivalent: shim${when}${when ? '; otherwise no effect' : ''}`;
    }
    case 'drop':
      return `dropped (${f.v3Behaviour})`;
  }
}

/** What fix does with the field, for the docs' "fix does" column. */
export function describeFixForDocs(field: V2FieldSpec): string {
  switch (field.fate.kind) {
    case 'move':
    case 'map-name':
    case 'move-if-in-range':
      return 'rewrite';
    case 'drop':
      return 'remove, report';
    case 'values':
      return 'remove; other values: route to shim';
    case 'shim':
      return shimCondition(field) ? 'route to shim; where it has no effect, remove' : 'route to shim';
  }
}

export function describeParamByName(name: string, value?: unknown, valueKnown = false): string | undefined {
  const field = findV2Field(name);
  return field ? describeParamFate(field, value, valueKnown) : undefined;
}
