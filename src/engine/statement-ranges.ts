/**
 * Before parsing, a look at the text of an ES module: where its top-level
 * statements start, and which of them can matter to the analysis. Parsing
 * is most of lint's time on a candidate file (Babel, cold), and most of a
 * candidate is code that never names an endpoint: its statements are blanked
 * (each character but line breaks becomes a space, so every position stays
 * where it was) and only the rest is parsed. The AST-level focus
 * (call-site-evidence.ts) then works on what is left, as it would on the
 * whole file.
 *
 * The scanner only has to be right where it is sure: it splits at lines that
 * start a declaration at nesting depth 0 after a `;` or `}`, and gives up
 * (null: parse the whole file) on anything it cannot follow (JSX, an
 * unbalanced bracket, a literal that does not end). Whoever parses the
 * blanked text checks that the parser saw the same statements
 * (`statementsAlign`) and otherwise parses the whole file.
 */

import { ENDPOINT_NAME } from './prefilter.js';

export interface StatementRange {
  start: number;
  end: number;
}

export interface BlankedModule {
  /** The source with the statements that cannot matter blanked. */
  text: string;
  /** Where the first statement starts: the text before it (a shebang, directives, comments) is kept as it is. */
  prologueEnd: number;
  /** The ranges kept (the text before the first statement is kept as well). */
  kept: StatementRange[];
}

const STARTS_STATEMENT = /^(?:export|import|function|async\s+function|class|const|let|var|interface|type|enum|declare|abstract\s+class)\b/;
/** After these, `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'await', 'yield', 'instanceof']);
/** Words after which a line starting `function`, `class`… continues the same statement. */
const CONTINUES = new Set(['default', 'return', 'extends', 'new', 'await', 'yield', 'typeof', 'void', 'delete', 'in', 'of', 'instanceof', 'case', 'do', 'else', 'export', 'async', 'as', 'declare', 'abstract', 'throw', 'satisfies', 'keyof']);
const KEYWORDS = new Set([
  'import', 'export', 'from', 'as', 'default', 'function', 'async', 'await', 'class', 'extends', 'const', 'let', 'var', 'return', 'if', 'else',
  'for', 'while', 'do', 'of', 'in', 'new', 'this', 'super', 'true', 'false', 'null', 'undefined', 'typeof', 'instanceof', 'void', 'delete',
  'throw', 'try', 'catch', 'finally', 'switch', 'case', 'break', 'continue', 'yield', 'static', 'get', 'set', 'type', 'interface', 'enum',
  'declare', 'readonly', 'public', 'private', 'protected', 'string', 'number', 'boolean', 'unknown', 'any', 'never', 'object', 'implements',
]);

interface Scan {
  /** The source with comments blanked. */
  noComments: string;
  /** The source with comments and the insides of strings, templates' text and regular expressions blanked. */
  codeOnly: string;
  /** Offsets where a top-level statement starts. */
  starts: number[];
  /** Whether some top-level statement is an import or an export (an ES module). */
  module: boolean;
}

/** The rest of a word, as `isIdentChar` has it (sticky: matched from `lastIndex`). */
const IDENT_REST = /[0-9A-Za-z$_\u0080-\uffff]*/y;
const isIdentChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c > 127;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const isLineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** One pass over the text; null when something could not be followed. */
function scan(src: string): Scan | null {
  const n = src.length;
  // Blanked intervals, in order: comments (blank in both views) and literal insides (blank in codeOnly).
  const comments: number[] = [];
  const literals: number[] = [];
  const blankComment = (from: number, to: number): void => {
    comments.push(from, to);
    literals.push(from, to);
  };
  const blankLiteral = (from: number, to: number): void => {
    if (to > from) literals.push(from, to);
  };
  const starts: number[] = [];
  let module = false;
  // Brackets open, and for each `${` the depth to return to the template at.
  let depth = 0;
  const templateDepths: number[] = [];
  let lastSignificant = -1; // offset of the last code character (not space, not comment)
  // The last word, as offsets (sliced only when asked: most words never are); empty when the last token was no word.
  let wordStart = 0;
  let wordEnd = 0;
  const lastWord = (): string => src.slice(wordStart, wordEnd);
  let lineStart = true;
  let i = src.startsWith('#!') ? src.indexOf('\n') : 0;
  if (i < 0) return null;
  const regexAllowed = (): boolean => {
    if (lastSignificant < 0) return true;
    const c = src[lastSignificant]!;
    if ('(,=:[!&|?{};+-*%<>~^'.includes(c)) return true;
    return isIdentChar(src.charCodeAt(lastSignificant)) && REGEX_AFTER_WORD.has(lastWord());
  };
  /**
   * Whether what came before can end a statement, so that a line starting a
   * declaration starts a new one: `;` or `}`, or (by ASI: a declaration
   * keyword cannot continue an expression) a name, literal or closing bracket
   * that is not a word that wants more (`export default`, `return`, `new`…).
   */
  const endsStatement = (): boolean => {
    if (lastSignificant < 0) return true;
    const c = src[lastSignificant]!;
    if (c === ';' || c === '}' || c === ')' || c === ']' || c === '"' || c === "'" || c === '`') return true;
    return isIdentChar(src.charCodeAt(lastSignificant)) && !CONTINUES.has(lastWord());
  };
  /** The end of a string starting at `from` (its quote), or -1. */
  const stringEnd = (from: number): number => {
    const quote = src[from];
    for (let k = from + 1; k < n; k++) {
      const c = src[k];
      if (c === '\\') k++;
      else if (c === quote) return k + 1;
      else if (c === '\n') return -1;
    }
    return -1;
  };
  /** Scan a template's text from `from` (after a backtick or a closing `}`): its end, or the start of `${`, or -1. */
  const templateText = (from: number): { end: number; expr: boolean } | null => {
    for (let k = from; k < n; k++) {
      const c = src[k];
      if (c === '\\') k++;
      else if (c === '`') return { end: k + 1, expr: false };
      else if (c === '$' && src[k + 1] === '{') return { end: k + 2, expr: true };
    }
    return null;
  };
  while (i < n) {
    const code = src.charCodeAt(i);
    if (isSpace(code)) {
      if (isLineBreak(code)) lineStart = true;
      i++;
      continue;
    }
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      let end = i;
      while (end < n && !isLineBreak(src.charCodeAt(end))) end++;
      blankComment(i, end);
      i = end;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) return null;
      blankComment(i, end + 2);
      i = end + 2;
      continue;
    }
    if (lineStart && depth === 0 && templateDepths.length === 0 && endsStatement()) {
      const head = src.slice(i, i + 24);
      const m = STARTS_STATEMENT.exec(head);
      if (m) {
        starts.push(i);
        if (m[0] === 'import' || m[0] === 'export') module = true;
      }
    }
    lineStart = false;
    if (c === '"' || c === "'") {
      const end = stringEnd(i);
      if (end < 0) return null;
      blankLiteral(i + 1, end - 1);
      lastSignificant = end - 1;
      wordEnd = wordStart;
      i = end;
      continue;
    }
    if (c === '`' || (c === '}' && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth)) {
      if (c === '}') templateDepths.pop();
      const t = templateText(i + 1);
      if (!t) return null;
      blankLiteral(i + 1, t.expr ? t.end - 2 : t.end - 1);
      if (t.expr) templateDepths.push(depth);
      lastSignificant = t.end - 1;
      wordEnd = wordStart;
      i = t.end;
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let k = i + 1;
      let inClass = false;
      for (; k < n; k++) {
        const r = src[k];
        if (r === '\\') k++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        else if (r === '\n') return null;
      }
      if (k >= n) return null;
      blankLiteral(i + 1, k);
      k++;
      while (k < n && isIdentChar(src.charCodeAt(k))) k++;
      lastSignificant = k - 1;
      wordEnd = wordStart;
      i = k;
      continue;
    }
    if (isIdentChar(code)) {
      IDENT_REST.lastIndex = i + 1;
      IDENT_REST.test(src);
      wordStart = i;
      wordEnd = IDENT_REST.lastIndex;
      lastSignificant = wordEnd - 1;
      i = wordEnd;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (depth < 0) return null;
    } else if (c === '<' && /[A-Za-z>]/.test(src[i + 1] ?? '') && regexAllowed()) {
      // Maybe JSX: its text is not JavaScript, so this scanner cannot follow it.
      return null;
    }
    lastSignificant = i;
    wordEnd = wordStart;
    i++;
  }
  if (depth !== 0 || templateDepths.length) return null;
  const codeOnly = masked(src, literals);
  // A decorator belongs to the declaration after it, across the line this scanner splits at.
  if (codeOnly.includes('@')) return null;
  return { noComments: masked(src, comments), codeOnly, starts, module };
}

/** The source with the intervals [from, to) (sorted, flat pairs) turned into spaces: same length, same offsets. */
function masked(src: string, intervals: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < intervals.length; k += 2) {
    const from = intervals[k]!;
    const to = intervals[k + 1]!;
    parts.push(src.slice(at, from), ' '.repeat(to - from));
    at = to;
  }
  parts.push(src.slice(at));
  return parts.join('');
}

/**
 * Identifiers, each with the `.` before it when it is a member name (`a.b`, `a?. b`): those bind nothing.
 * A spread's `...x`, and the `..` of `1..toString`, leave the name bare.
 */
const WORD_OR_MEMBER = /(?:\.\.\.|(?<!\.)\.[ \t]*)?[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;

/**
 * Identifiers a statement names as bindings could; over-approximated (a number's `x1F`, a label), as more names
 * only link more statements. One native `match` per statement, no match object per word.
 */
function bindingNames(codeOnly: string, range: StatementRange): Set<string> {
  const names = new Set<string>();
  for (const word of codeOnly.slice(range.start, range.end).match(WORD_OR_MEMBER) ?? []) {
    if (word.charCodeAt(0) !== 46 /* . */) {
      if (!KEYWORDS.has(word)) names.add(word);
    } else if (word.startsWith('...')) {
      const name = word.slice(3);
      if (!KEYWORDS.has(name)) names.add(name);
    }
  }
  return names;
}

/**
 * The module with the statements that cannot matter blanked, or null when
 * this is not an ES module the scanner can follow, or nothing would be
 * blanked. Kept: the text before the first statement, every import, each
 * statement that names an endpoint outside comments or uses an imported
 * name other than by calling it, and (until nothing changes) every statement
 * sharing a name with a kept one.
 */
export function blankIrrelevantStatements(src: string): BlankedModule | null {
  const s = scan(src);
  if (!s || !s.module || s.starts.length < 2) return null;
  const ranges: StatementRange[] = s.starts.map((start, k) => ({ start, end: s.starts[k + 1] ?? src.length }));
  const isImport = ranges.map((r) => /^import\b(?!\s*[.(])/.test(src.slice(r.start, r.start + 12)));
  const imported = new Set<string>();
  ranges.forEach((r, k) => {
    if (isImport[k]) for (const name of bindingNames(s.codeOnly, r)) imported.add(name); // every name in an import, over-approximated
  });
  const names = ranges.map((r, k) => (isImport[k] ? new Set<string>() : bindingNames(s.codeOnly, r)));
  const usesOf = new Map<string, RegExp>();
  const keep = ranges.map((r, k) => {
    if (isImport[k]) return true;
    if (ENDPOINT_NAME.test(s.noComments.slice(r.start, r.end))) return true;
    // An imported name used as anything but a callee can carry a URL in.
    const text = s.codeOnly.slice(r.start, r.end);
    for (const name of names[k]!) {
      if (!imported.has(name)) continue;
      let uses = usesOf.get(name);
      if (!uses) usesOf.set(name, (uses = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])(?!\\s*\\()`)));
      if (uses.test(text)) return true;
    }
    return false;
  });
  // Statements sharing a name are linked (declaration and use, either way); imported names link nothing.
  const byName = new Map<string, number[]>();
  names.forEach((set, k) => {
    for (const name of set) {
      if (imported.has(name)) continue;
      const list = byName.get(name);
      if (list) list.push(k);
      else byName.set(name, [k]);
    }
  });
  const queue = keep.flatMap((kept, k) => (kept && !isImport[k] ? [k] : []));
  while (queue.length) {
    const k = queue.pop()!;
    for (const name of names[k]!) {
      for (const j of byName.get(name) ?? []) {
        if (keep[j]) continue;
        keep[j] = true;
        queue.push(j);
      }
    }
  }
  if (keep.every(Boolean)) return null;
  // Every character of a blanked statement but its line breaks becomes a space: lines and columns stay the file's.
  const parts: string[] = [src.slice(0, ranges[0]!.start)];
  ranges.forEach((r, k) => {
    const text = src.slice(r.start, r.end);
    parts.push(keep[k] ? text : text.replace(/[^\r\n\u2028\u2029]+/g, (run) => ' '.repeat(run.length)));
  });
  const kept = ranges.filter((_, k) => keep[k]);
  return { text: parts.join(''), prologueEnd: ranges[0]!.start, kept };
}

/**
 * Whether the parser saw exactly the statements kept: the prologue's own,
 * then each kept range starting a statement, and no statement crossing the
 * end of its range.
 */
export function statementsAlign(statements: readonly { start?: number | null; end?: number | null }[], blanked: BlankedModule): boolean {
  const { kept, prologueEnd } = blanked;
  let r = -1;
  for (const st of statements) {
    const start = st.start ?? -1;
    const end = st.end ?? -1;
    if (r === -1 && end <= prologueEnd) continue;
    // A statement that starts a kept range moves on to it; any other must lie inside the current one.
    if (r + 1 < kept.length && start === kept[r + 1]!.start) r++;
    else if (r === -1 || start < kept[r]!.start || start >= kept[r]!.end) return false;
    if (end > kept[r]!.end) return false;
  }
  return r === kept.length - 1;
}
