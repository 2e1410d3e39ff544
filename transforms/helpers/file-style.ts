/** The file's own style, so new code looks like the code around it. */
export interface FileStyle {
  quote: 'single' | 'double';
  lineTerminator: '\r\n' | '\n';
  usesRequire: boolean;
  bom: boolean;
  useTabs: boolean;
  tabWidth: number;
  /** A TypeScript file: new parameters get types (strict mode has no implicit any). */
  typescript?: boolean;
}

export function detectStyle(source: string): FileStyle {
  const singles = (source.match(/'/g) ?? []).length;
  const doubles = (source.match(/"/g) ?? []).length;
  return {
    quote: singles >= doubles ? 'single' : 'double',
    // By majority: one `\r\n` inside a string must not turn an LF file into CRLF.
    lineTerminator: (source.match(/\r\n/g) ?? []).length > (source.match(/(?<!\r)\n/g) ?? []).length ? '\r\n' : '\n',
    usesRequire: /\brequire\s*\(/.test(source) && !/^\s*import\s/m.test(source),
    bom: source.charCodeAt(0) === 0xfeff,
    ...indentation(source),
  };
}

export function quoteString(value: string, style: FileStyle): string {
  const q = style.quote === 'single' ? "'" : '"';
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}

/** Tabs, or the smallest space indent in use (2 or 4). */
function indentation(source: string): { useTabs: boolean; tabWidth: number } {
  const indents = source.split(/\r?\n/).map((l) => /^[ \t]+(?=\S)/.exec(l)?.[0]).filter((s): s is string => !!s);
  const tabs = indents.filter((s) => s.startsWith('\t')).length;
  if (tabs > indents.length / 2) return { useTabs: true, tabWidth: 4 };
  const widths = indents.map((s) => s.length).filter((n) => n > 0);
  const smallest = widths.length ? Math.min(...widths) : 2;
  return { useTabs: false, tabWidth: smallest >= 4 ? 4 : 2 };
}
