/**
 * `.vue` and `.svelte` files: each `<script>` block is parsed as JS or TS
 * (`lang="ts"`), in place: everything outside the block is blanked to
 * spaces, newlines kept, so lines and columns are the file's own.
 */
const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const COMPONENT_FILE = /\.(?:vue|svelte)$/i;

export interface ScriptBlock {
  /** The whole file with everything but this block blanked. */
  code: string;
  /** A file name whose extension picks the parser plugins (`x.vue.ts`). */
  parseAs: string;
}

function blank(text: string): string {
  return text.replace(/[^\n\r]/g, ' ');
}

/** The script blocks of a component file; undefined for any other file. */
export function scriptBlocksOf(text: string, filePath: string): ScriptBlock[] | undefined {
  if (!COMPONENT_FILE.test(filePath)) return undefined;
  const blocks: ScriptBlock[] = [];
  for (const m of text.matchAll(SCRIPT_RE)) {
    const attrs = m[1] ?? '';
    const lang = /\blang\s*=\s*["']?(tsx|ts|typescript|jsx|js)\b/i.exec(attrs)?.[1]?.toLowerCase();
    if (/\btype\s*=\s*["']?(?!module|text\/javascript|application\/javascript)[\w/+-]+/i.test(attrs) && !lang) continue; // JSON, templates
    const ext = lang === 'typescript' ? 'ts' : (lang ?? 'js');
    const start = m.index! + m[0].indexOf('>') + 1;
    const end = start + m[2]!.length;
    blocks.push({ code: blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end)), parseAs: `${filePath}.${ext}` });
  }
  return blocks;
}

/** The file with its script blocks blanked: what is left for the text scan (template, style). */
export function blankScripts(text: string): string {
  return text.replace(SCRIPT_RE, (whole) => blank(whole));
}
