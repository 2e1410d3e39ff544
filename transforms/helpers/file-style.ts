/** The file's own style, so new code looks like the code around it. */
export interface FileStyle {
  quote: 'single' | 'double';
  lineTerminator: '\r\n' | '\n';
  usesRequire: boolean;
  bom: boolean;
}

export function detectStyle(source: string): FileStyle {
  const singles = (source.match(/'/g) ?? []).length;
  const doubles = (source.match(/"/g) ?? []).length;
  return {
    quote: singles >= doubles ? 'single' : 'double',
    lineTerminator: source.includes('\r\n') ? '\r\n' : '\n',
    usesRequire: /\brequire\s*\(/.test(source) && !/^\s*import\s/m.test(source),
    bom: source.charCodeAt(0) === 0xfeff,
  };
}

export function quoteString(value: string, style: FileStyle): string {
  const q = style.quote === 'single' ? "'" : '"';
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}
