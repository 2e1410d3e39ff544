import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github };
/** Formats meant for machines: no progress bar, no colour. */
export const MACHINE_FORMATS = new Set(['json', 'sarif', 'github']);
