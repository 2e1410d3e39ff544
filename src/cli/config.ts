/**
 * `novita-migrate.config.json` or `package.json#novita-migrate`, found from cwd upwards; or exactly the
 * file given with `-c/--config` (ESLint's `-c`: no lookup then); or none with `--no-config-lookup`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RuleLevel } from '../rules/types.js';
import { RULES } from '../rules/index.js';
import { UsageError } from '../lint/errors.js';

export interface Config {
  rules: Record<string, RuleLevel>;
  ignorePatterns: string[];
  /** Where it came from, for messages. */
  source?: string;
}

const LEVELS: readonly string[] = ['off', 'warn', 'error'];
const RULE_IDS = new Set(RULES.map((r) => r.meta.id));

export function parseRuleLevel(id: string, level: unknown, where: string): RuleLevel {
  if (!RULE_IDS.has(id)) throw new UsageError(`${where}: unknown rule "${id}" (known: ${[...RULE_IDS].join(', ')})`);
  const normalized = level === 0 ? 'off' : level === 1 ? 'warn' : level === 2 ? 'error' : level;
  if (typeof normalized !== 'string' || !LEVELS.includes(normalized)) throw new UsageError(`${where}: rule "${id}" level must be off, warn or error`);
  return normalized as RuleLevel;
}

function validate(raw: unknown, source: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${source}: the config must be an object`);
  const obj = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(obj).filter((k) => k !== 'rules' && k !== 'ignorePatterns');
  if (unknownKeys.length) throw new UsageError(`${source}: unknown config key "${unknownKeys[0]}" (allowed: rules, ignorePatterns)`);
  const rules: Record<string, RuleLevel> = {};
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null) throw new UsageError(`${source}: "rules" must be an object`);
    for (const [id, level] of Object.entries(obj.rules)) rules[id] = parseRuleLevel(id, level, source);
  }
  const ignorePatterns = obj.ignorePatterns ?? [];
  if (!Array.isArray(ignorePatterns) || ignorePatterns.some((p) => typeof p !== 'string')) throw new UsageError(`${source}: "ignorePatterns" must be an array of strings`);
  return { rules, ignorePatterns: ignorePatterns as string[], source };
}

const empty = (): Config => ({ rules: {}, ignorePatterns: [] });

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the config file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: invalid JSON (${(err as Error).message})`);
  }
}

/** `-c/--config FILE`: a config file of the same shape, or a package.json (its `novita-migrate` key). */
export function loadConfigFile(path: string, cwd: string): Config {
  const file = resolve(cwd, path);
  const raw = readJson(file);
  if (basename(file) === 'package.json') {
    const section = (raw as Record<string, unknown> | null)?.['novita-migrate'];
    if (section === undefined) throw new UsageError(`${file}: no "novita-migrate" key`);
    return validate(section, `${file}#novita-migrate`);
  }
  return validate(raw, file);
}

export interface ConfigChoice {
  /** `-c/--config`. */
  file?: string;
  /** false with `--no-config-lookup`. */
  lookup?: boolean;
}

export function resolveConfig(cwd: string, choice: ConfigChoice): Config {
  if (choice.file) return loadConfigFile(choice.file, cwd);
  if (choice.lookup === false) return empty();
  return loadConfig(cwd);
}

export function loadConfig(cwd: string): Config {
  let dir = cwd;
  for (;;) {
    const file = join(dir, 'novita-migrate.config.json');
    if (existsSync(file)) return validate(readJson(file), file);
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        if (parsed['novita-migrate'] !== undefined) return validate(parsed['novita-migrate'], `${pkg}#novita-migrate`);
      } catch (err) {
        if (err instanceof UsageError) throw err;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return empty();
    dir = parent;
  }
}
