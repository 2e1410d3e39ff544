import type { Rule } from './rule.js';
import { noV2Progress } from './no-v2-progress.js';
import { noV2Upscale } from './no-v2-upscale.js';
import { v2Param } from './v2-param.js';
import { v2ReadOnV3 } from './v2-read-on-v3.js';
import { v2ResponseShape } from './v2-response-shape.js';
import { v2UpscalerName } from './v2-upscaler-name.js';

/** Every rule; ids are part of the public interface. */
export const RULES: readonly Rule[] = [noV2Upscale, noV2Progress, v2Param, v2UpscalerName, v2ResponseShape, v2ReadOnV3];
export const RULE_METAS = RULES.map((r) => r.meta);
export type { Rule, RuleContext } from './rule.js';
