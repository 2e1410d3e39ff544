/**
 * What the printer must never touch: a BOM, a shebang line, and CR-only line
 * endings. They are taken off before parsing and put back after printing,
 * byte for byte (the shebang becomes a same-length `//` comment meanwhile,
 * so every position and line stays where it was).
 */
export interface SourceEnvelope {
  /** The text recast parses and prints. */
  text: string;
  /** The first line of `text` stands for a shebang. */
  hadShebang: boolean;
  restore(printed: string): string;
}

export function openEnvelope(source: string): SourceEnvelope {
  const bom = source.charCodeAt(0) === 0xfeff;
  let text = bom ? source.slice(1) : source;
  const shebang = text.startsWith('#!') ? /^#![^\r\n]*/.exec(text)![0] : undefined;
  if (shebang) text = `//${shebang.slice(2)}${text.slice(shebang.length)}`;
  // Classic Mac line endings: recast knows LF and CRLF only.
  const crOnly = text.includes('\r') && !text.includes('\n');
  if (crOnly) text = text.replaceAll('\r', '\n');
  return {
    text,
    hadShebang: shebang !== undefined,
    restore(printed: string): string {
      let out = printed;
      if (crOnly) out = out.replaceAll('\n', '\r');
      if (shebang) {
        const commented = `//${shebang.slice(2)}`;
        out = out.startsWith(commented) ? shebang + out.slice(commented.length) : `${shebang}\n${out}`;
      }
      return (bom ? '\uFEFF' : '') + out;
    },
  };
}
