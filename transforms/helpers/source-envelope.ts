/**
 * What the printer must never touch: a BOM, a shebang line, and the file's
 * own line endings (CRLF, CR-only, or a mix: recast writes one terminator
 * everywhere). They are taken off before parsing and put back after
 * printing, byte for byte: lines the edit did not change get their original
 * terminator back, new lines get the file's dominant one. The shebang is a
 * same-length `//` comment meanwhile, so every position and line stays.
 */
import { diffArrays } from 'diff';

export interface SourceEnvelope {
  /** The text recast parses and prints (LF line endings). */
  text: string;
  /** The first line of `text` stands for a shebang. */
  hadShebang: boolean;
  restore(printed: string): string;
}

const TERMINATOR = /\r\n|\r|\n/g;

function splitLines(text: string): { lines: string[]; terminators: string[] } {
  const lines: string[] = [];
  const terminators: string[] = [];
  let last = 0;
  for (const m of text.matchAll(TERMINATOR)) {
    lines.push(text.slice(last, m.index));
    terminators.push(m[0]);
    last = m.index! + m[0].length;
  }
  lines.push(text.slice(last));
  terminators.push('');
  return { lines, terminators };
}

function dominant(terminators: readonly string[]): string {
  const count = (t: string) => terminators.filter((x) => x === t).length;
  const crlf = count('\r\n');
  const cr = count('\r');
  const lf = count('\n');
  return crlf > lf && crlf >= cr ? '\r\n' : cr > lf ? '\r' : '\n';
}

export function openEnvelope(source: string): SourceEnvelope {
  const bom = source.charCodeAt(0) === 0xfeff;
  let body = bom ? source.slice(1) : source;
  const shebang = body.startsWith('#!') ? /^#![^\r\n]*/.exec(body)![0] : undefined;
  if (shebang) body = `//${shebang.slice(2)}${body.slice(shebang.length)}`;
  const original = splitLines(body);
  const eol = dominant(original.terminators.slice(0, -1));
  return {
    text: original.lines.join('\n'),
    hadShebang: shebang !== undefined,
    restore(printed: string): string {
      const next = printed.split('\n');
      const out: Array<{ line: string; end: string }> = [];
      let o = 0;
      for (const part of diffArrays(original.lines, next)) {
        if (part.removed) {
          o += part.count ?? part.value.length;
          continue;
        }
        for (const line of part.value) {
          if (part.added) out.push({ line, end: eol });
          else out.push({ line: original.lines[o]!, end: original.terminators[o++]! || eol });
        }
      }
      // The file ends as it ended: with its own final terminator, or none.
      const endsWithTerminator = original.terminators[original.terminators.length - 2] !== undefined && original.lines[original.lines.length - 1] === '';
      let text = out.map((l, i) => l.line + (i < out.length - 1 ? l.end : '')).join('');
      if (!endsWithTerminator && text.endsWith('\n') && !body.endsWith('\n')) text = text.replace(/(?:\r\n|\r|\n)$/, '');
      if (shebang) {
        const commented = `//${shebang.slice(2)}`;
        text = text.startsWith(commented) ? shebang + text.slice(commented.length) : `${shebang}${eol}${text}`;
      }
      return (bom ? '\uFEFF' : '') + text;
    },
  };
}
