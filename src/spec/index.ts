/** The one source of truth for V2/V3 facts and the mapping. */
export * from './endpoints.js';
export * from './upscalers.js';
export * from './codes.js';
export * from './v3.js';
export * from './v2-upscale-fields.js';
export * from './v2-responses.js';
export * from './field-fate-message.js';
export * from './plan.js';
export * from './mapping-table.js';
