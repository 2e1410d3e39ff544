/**
 * `novita-migrate fix`: act on exactly what lint keeps (config, ignore
 * patterns, disable comments), decide whole task flows with the whole
 * project in view, and write only what is proven: the output re-parses,
 * re-lints with a TODO on every V2 call left, changes no byte outside the
 * edited statements, and adds no type error.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import writeFileAtomic from 'write-file-atomic';
import { isJsLikeFile, parseSource } from '../engine/parse.js';
import { createCrossFileResolver } from '../engine/resolver.js';
import type { CallSite } from '../engine/types.js';
import type { LintMessage, RuleLevel } from '../rules/types.js';
import { runLint } from '../lint/lint-run.js';
import { lintText } from '../lint/lint-text.js';
import { transformSource, type CallOutcome, type TransformResult, type Unsupported } from '../../transforms/upscale-v2-to-v3.js';
import { changesOutsideEdits } from './byte-guard.js';
import { dirtyRepositories } from './git-state.js';
import { addRuntimeDependency, type DependencyChange } from './runtime-dependency.js';
import { createTypeGate, type TypeGate } from './type-gate.js';

export type FileFixStatus =
  | { kind: 'changed'; outcomes: CallOutcome[] }
  | { kind: 'unchanged'; outcomes: CallOutcome[] }
  | { kind: 'report-only'; reason: string }
  | { kind: 'skipped'; reason: string; unparsable?: boolean }
  | { kind: 'failed'; reason: string };

export interface FixOptions {
  cwd: string;
  dry: boolean;
  unsupported: Unsupported;
  ignorePatterns?: readonly string[];
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  /** Write despite uncommitted changes, and into read-only files. */
  force?: boolean;
  /** Called with a unified diff per changed file (dry runs). */
  onDiff?: (patch: string) => void;
  /** Called with each changed file's new text (`--print`, jscodeshift's habit), dry or not. */
  onPrint?: (file: string, text: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface FixReport {
  files: Map<string, FileFixStatus>;
  /** package.json files that gained the runtime dependency (or would, in a dry run). */
  dependencies: DependencyChange[];
  /** Repositories with uncommitted changes that fix refused to write into. */
  refusedDirty: string[];
}

const ENDPOINT_RULES = new Set(['no-v2-upscale', 'no-v2-progress']);

interface Candidate {
  file: string;
  source: string;
  enabled: Set<string>;
}

const spanKey = (line: number, column: number) => `${line}:${column}`;

function isInside(file: string, roots: readonly string[]): boolean {
  return roots.some((r) => file === r || file.startsWith(r.endsWith(sep) ? r : r + sep));
}

/** Why a file may not be written, if it may not. */
function writeBlocker(file: string, roots: readonly string[], force: boolean): string | undefined {
  const st = lstatSync(file);
  if (st.isSymbolicLink()) {
    const target = realpathSync(file);
    if (!isInside(target, roots)) return `a symlink to ${target}, outside the paths given; not written through`;
  }
  const mode = st.isSymbolicLink() ? lstatSync(realpathSync(file)).mode : st.mode;
  if ((mode & 0o222) === 0 && !force) return 'read-only; left untouched (pass --force to write it)';
  return undefined;
}

/** UTF-8 text, or why not: a file in another encoding is left byte for byte as it is. */
function readUtf8(file: string): { text: string } | { reason: string } {
  const bytes = readFileSync(file);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { reason: 'not valid UTF-8 (another encoding); left untouched: edit it by hand' };
  }
}

export async function runFix(paths: readonly string[], options: FixOptions): Promise<FixReport> {
  const results = await runLint(paths, { cwd: options.cwd, ignorePatterns: options.ignorePatterns, ruleLevels: options.ruleLevels, onProgress: options.onProgress });
  const roots = (paths.length ? paths : ['.']).map((p) => {
    const abs = resolve(options.cwd, p);
    try {
      return realpathSync(abs);
    } catch {
      return abs;
    }
  });
  const files = new Map<string, FileFixStatus>();
  const resolver = createCrossFileResolver();
  const candidates: Candidate[] = [];
  const blockingPolls: string[] = [];

  for (const result of results) {
    const fatal = result.messages.find((m) => m.fatal);
    if (fatal) {
      files.set(result.filePath, { kind: 'skipped', reason: `does not parse (${fatal.message}, line ${fatal.line}); left untouched`, unparsable: true });
      continue;
    }
    const endpointMessages = result.messages.filter((m: LintMessage) => m.ruleId && ENDPOINT_RULES.has(m.ruleId));
    if (!isJsLikeFile(result.filePath)) {
      if (endpointMessages.length) files.set(result.filePath, { kind: 'report-only', reason: 'not JavaScript/TypeScript: change the URL by hand' });
      continue;
    }
    const read = readUtf8(result.filePath);
    if ('reason' in read) {
      if (endpointMessages.length) files.set(result.filePath, { kind: 'skipped', reason: read.reason });
      blockingPolls.push(...pollsIn(result.filePath, result.messages));
      continue;
    }
    // A file whose calls are all disabled still matters: its polls stay V2.
    if (!endpointMessages.length) {
      if (/v2\/progress|novita-sdk/.test(read.text)) blockingPolls.push(...disabledPolls(read.text, result.filePath, resolver));
      continue;
    }
    const blocker = writeBlocker(result.filePath, roots, options.force ?? false);
    if (blocker) {
      files.set(result.filePath, { kind: 'skipped', reason: blocker });
      blockingPolls.push(...pollsIn(result.filePath, result.messages));
      continue;
    }
    candidates.push({ file: result.filePath, source: read.text, enabled: new Set(endpointMessages.map((m) => spanKey(m.line, m.column))) });
  }

  const transformOf = (c: Candidate, project: { blockingPolls: readonly string[] }): TransformResult =>
    transformSource(c.source, c.file, {
      unsupported: options.unsupported,
      resolver,
      project,
      isEnabled: (site: CallSite) => c.enabled.has(spanKey(site.span.line, site.span.column)),
    });

  // Pass 1: which polls stay V2 anywhere (a poll's fate does not depend on the project; a submit's does).
  const firstPass = new Map<Candidate, TransformResult | Error>();
  for (const c of candidates) {
    try {
      const r = transformOf(c, { blockingPolls: [] });
      firstPass.set(c, r);
      blockingPolls.push(...r.blockingPolls);
    } catch (err) {
      firstPass.set(c, err as Error);
    }
  }

  // Pass 2: decide submits with the project's polls known, then prove each output before writing it.
  let typeGate: TypeGate | undefined;
  const toWrite: Array<{ c: Candidate; output: string; outcomes: CallOutcome[] }> = [];
  for (const c of candidates) {
    const first = firstPass.get(c);
    let transformed: TransformResult;
    try {
      if (first instanceof Error) throw first;
      transformed = blockingPolls.length === 0 && first ? first : transformOf(c, { blockingPolls });
    } catch (err) {
      files.set(c.file, { kind: 'failed', reason: `transform error: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const output = transformed.output;
    if (output === undefined || output === c.source) {
      files.set(c.file, { kind: 'unchanged', outcomes: transformed.outcomes });
      continue;
    }
    const proof = proveOutput(c, output, transformed, options, resolver);
    if (proof) {
      files.set(c.file, { kind: 'failed', reason: proof });
      continue;
    }
    typeGate ??= createTypeGate();
    const typeProblem = typeGate.check(c.file, c.source, output);
    if (typeProblem) {
      files.set(c.file, { kind: 'failed', reason: typeProblem });
      continue;
    }
    toWrite.push({ c, output, outcomes: transformed.outcomes });
  }

  const refusedDirty = options.dry || options.force ? [] : dirtyRepositories(toWrite.map((w) => w.c.file));
  const dependencies: DependencyChange[] = [];
  for (const { c, output, outcomes } of toWrite) {
    if (refusedDirty.some((repo) => isInside(c.file, [repo]))) {
      files.set(c.file, { kind: 'skipped', reason: 'its git repository has uncommitted changes (commit or stash them, or pass --force)' });
      continue;
    }
    if (options.onPrint) options.onPrint(c.file, output);
    if (options.dry) {
      const rel = relative(options.cwd, c.file);
      if (!options.onPrint) options.onDiff?.(createTwoFilesPatch(`a/${rel}`, `b/${rel}`, c.source, output));
    } else {
      try {
        writeKeepingOwnership(c.file, output);
      } catch (err) {
        files.set(c.file, { kind: 'failed', reason: `could not write: ${(err as Error).message}` });
        continue;
      }
    }
    files.set(c.file, { kind: 'changed', outcomes });
    if (outcomes.some((o) => o.kind === 'shim')) {
      const dep = addRuntimeDependency(c.file, options.dry);
      if (dep && !dependencies.some((d) => d.packageJson === dep.packageJson)) dependencies.push(dep);
    }
  }
  typeGate?.dispose();
  return { files, dependencies, refusedDirty };
}

/** The output re-parses, changes nothing outside the edited statements, and every V2 call it keeps carries a TODO lint still reports. */
function proveOutput(c: Candidate, output: string, transformed: TransformResult, options: FixOptions, resolver: ReturnType<typeof createCrossFileResolver>): string | undefined {
  const reparsed = parseSource(output.replace(/^\uFEFF/, ''), c.file);
  if (!reparsed.ok) return `output does not re-parse (${reparsed.failure.message}); not written`;
  const outside = changesOutsideEdits(c.source, output, transformed.editedLines);
  if (outside) return `the printer would change line ${outside} outside the edited statements; not written`;
  const relinted = lintText(output.replace(/^\uFEFF/, ''), c.file, { ruleLevels: options.ruleLevels, resolver });
  const left = relinted.messages.filter((m) => m.ruleId && ENDPOINT_RULES.has(m.ruleId)).length;
  const todos = transformed.outcomes.filter((o) => o.kind === 'todo').length;
  if (left !== todos) return `after the edit lint finds ${left} V2 call(s) but ${todos} carry a TODO; not written`;
  return undefined;
}

/** Replaces the file atomically with its mode and owner kept (through a symlink inside the roots: the target). */
function writeKeepingOwnership(file: string, output: string): void {
  const target = realpathSync(file);
  const st = lstatSync(target);
  writeFileAtomic.sync(target, output, { mode: st.mode & 0o7777, chown: { uid: st.uid, gid: st.gid } });
}

/** `file:line` of each progress message (a poll that stays V2). */
function pollsIn(file: string, messages: readonly LintMessage[]): string[] {
  return messages.filter((m) => m.ruleId === 'no-v2-progress').map((m) => `${file}:${m.line}`);
}

/** Polls in a file whose messages were all suppressed: they stay V2 by the user's choice. */
function disabledPolls(text: string, file: string, resolver: ReturnType<typeof createCrossFileResolver>): string[] {
  const all = lintText(text, file, { resolver, ruleLevels: { 'no-v2-progress': 'error' } });
  const polls = all.analysis?.callSites.filter((s) => s.endpoint === 'progress') ?? [];
  return polls.map((s) => `${file}:${s.span.line}`);
}
