/** Human sentences for a V2 field's V3 fate: the one wording rules, fix reports and docs share. */
import { findV2Field, type V2FieldSpec } from './v2-upscale-fields.js';
import { V3_SCALE_FACTOR, isV3ScaleFactor } from './v3.js';

const SHIM = 'fix routes this call to the compat shim';

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

/** One line for the docs: what happens to this field on V3. */
export function describeFieldForDocs(field: V2FieldSpec): string {
  const f = field.fate;
  switch (f.kind) {
    case 'move':
      return `moves to \`${f.v3Field}\``;
    case 'map-name':
      return `moves to \`${f.v3Field}\`, name mapped by the upscaler table`;
    case 'move-if-in-range':
      return `moves to \`${f.v3Field}\` when in (${V3_SCALE_FACTOR.minExclusive}, ${V3_SCALE_FACTOR.maxInclusive}]; otherwise shim`;
    case 'values':
      return `only ${f.plainV3Values.map((v) => JSON.stringify(v)).join(', ')} is plain V3; other values need the shim`;
    case 'shim':
      return 'no V3 equivalent: shim';
    case 'drop':
      return `dropped (${f.v3Behaviour})`;
  }
}

export function describeParamByName(name: string, value?: unknown, valueKnown = false): string | undefined {
  const field = findV2Field(name);
  return field ? describeParamFate(field, value, valueKnown) : undefined;
}
