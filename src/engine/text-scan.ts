/** Non-JS files (Python, shell, Markdown, YAML, .env, Go, …): report each Novita V2 URL with its line. */
import { NOVITA_HOSTS, v2EndpointOfPath } from '../spec/endpoints.js';
import type { TextMatch } from './types.js';

const HOSTS = NOVITA_HOSTS.map((h) => h.replaceAll('.', '\\.')).join('|');
const URL_RE = new RegExp(`(?:https?://)?(?:${HOSTS})(?::\\d+)?/v2/(?:upscale|progress)\\b[^\\s'"\`)<>\\]]*`, 'gi');

export function scanTextForV2Urls(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(URL_RE)) {
      const url = m[0];
      const path = url.replace(/^(?:https?:\/\/)?[^/]+/, '');
      const endpoint = v2EndpointOfPath(path);
      if (!endpoint) continue;
      const column = (m.index ?? 0) + 1;
      matches.push({ endpoint, url, span: { line: i + 1, column, endLine: i + 1, endColumn: column + url.length } });
    }
  });
  return matches;
}
