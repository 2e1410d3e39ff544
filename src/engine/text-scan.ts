/**
 * Non-JS files (Python, shell, Markdown, YAML, .env, Go, …): report each
 * Novita V2 URL with its line. Two shapes:
 *
 * - a full URL: `https://api.novita.ai/v2/upscale`;
 * - a base plus a path, where the base is a name assigned a Novita host in
 *   the same file: `f"{BASE_URL}/v2/upscale"`, `BASE_URL + "/v2/progress"`,
 *   `fmt.Sprintf("%s/v2/upscale", base)`, `"{}/v2/upscale".format(base)`,
 *   `"%s/v2/upscale" % base`, `$BASE/v2/upscale`, `urljoin(BASE, "/v2/…")`.
 *   A base that is not a Novita host in this file is someone else's API.
 */
import { NOVITA_HOSTS, v2EndpointOfPath } from '../spec/endpoints.js';
import { lineStartsOf, positionOf } from './line-index.js';
import type { TextMatch } from './types.js';

const HOSTS = NOVITA_HOSTS.map((h) => h.replaceAll('.', '\\.')).join('|');
const URL_RE = new RegExp(`(?:https?://)?(?:${HOSTS})(?::\\d+)?/v2/(?:upscale|progress)\\b[^\\s'"\`)<>\\]]*`, 'gi');

/** `NAME = "https://api.novita.ai"`, `base := "…"`, `const BaseURL = "…"`, `BASE_URL: https://…`, `export NOVITA_BASE=…`, `self.base = os.getenv("X", "…")`. */
const BASE_ASSIGNMENT_RE = new RegExp(
  `(?:^|[\\s,({;])([A-Za-z_$][\\w.$]{0,80})\\s*(?::=|=(?!=)|:)\\s*[^\\n]{0,160}?["'\`]?(https?://(?:${HOSTS})(?::\\d+)?(/v2)?/?)(?=["'\`\\s,)]|$)`,
  'gim',
);

/** A path string naming a V2 endpoint, in the shapes a base is joined to. */
const PATH = `(/v2/(?:upscale|progress)\\b[^\\s'"\`)<>\\]]*)`;
const SUB_PATH = `(/(?:upscale|progress)\\b[^\\s'"\`)<>\\]]*)`;

interface BaseName {
  name: string;
  url: string;
  /** The base already ends in `/v2`: the path is `/upscale`. */
  v2: boolean;
}

/** The last segment of a dotted name: `self.base_url` and `c.BaseURL` match `base_url` / `BaseURL`. */
const lastSegment = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

function findNovitaBases(text: string): Map<string, BaseName> {
  const bases = new Map<string, BaseName>();
  for (const m of text.matchAll(BASE_ASSIGNMENT_RE)) {
    const name = lastSegment(m[1]!);
    if (!name || /^https?$/i.test(name)) continue;
    const url = m[2]!.replace(/\/+$/, '');
    bases.set(name, { name, url, v2: Boolean(m[3]) });
  }
  return bases;
}

/** Each way a base name is joined to a path string: [regex, group of the name, group of the path]. */
function joinPatterns(v2: boolean): RegExp[] {
  const path = v2 ? SUB_PATH : PATH;
  // Starts only where a name can start, and bounded: no quadratic backtracking on a minified line.
  const name = '(?<![\\w.])([A-Za-z_$][\\w.$]{0,80})';
  return [
    // f"{BASE}/v2/upscale", `${BASE}/v2/upscale`, "$BASE/v2/upscale", "${BASE}/v2/upscale", {{ .Base }} (templates)
    new RegExp(`(?:\\$?\\{\\s*\\.?${name}\\s*\\}|\\$${name})${path}`, 'g'),
    // BASE + "/v2/upscale", BASE .. "/v2/upscale" (Lua), BASE . "/v2/upscale" (PHP)
    new RegExp(`${name}\\s*(?:\\+|\\.\\.|\\.)\\s*[rbu]?["'\`]${path}`, 'g'),
    // fmt.Sprintf("%s/v2/upscale", base), "%s/v2/upscale" % base, "{}/v2/upscale".format(base), String.format(…)
    new RegExp(`["'\`](?:%[sv]|\\{0?\\})${path}["'\`]\\s*(?:,|%|\\)\\.format\\(|\\.format\\()\\s*\\(?\\s*${name}`, 'g'),
    // urljoin(BASE, "/v2/upscale"), url.JoinPath(base, "/v2/upscale"), URI.join(base, …)
    new RegExp(`(?:urljoin|JoinPath|join)\\(\\s*${name}\\s*,\\s*[rbu]?["'\`]${path}`, 'gi'),
  ];
}

export function scanTextForV2Urls(text: string): TextMatch[] {
  const matches: TextMatch[] = [];
  const starts = lineStartsOf(text);
  const add = (url: string, path: string, from: number, to: number): void => {
    const endpoint = v2EndpointOfPath(path.split(/[?#]/, 1)[0]!);
    if (!endpoint) return;
    const start = positionOf(starts, from);
    const end = positionOf(starts, to);
    // One report per place: a full URL inside a joined expression is already counted.
    if (matches.some((m) => m.span.line === start.line && m.span.column <= start.column && m.span.endColumn >= end.column)) return;
    matches.push({ endpoint, url, span: { line: start.line, column: start.column, endLine: end.line, endColumn: end.column } });
  };
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0];
    add(url, url.replace(/^(?:https?:\/\/)?[^/]+/, ''), m.index!, m.index! + url.length);
  }
  if (/\/(?:v2\/)?(?:upscale|progress)/i.test(text)) {
    const bases = findNovitaBases(text);
    if (bases.size > 0) {
      for (const v2 of [false, true]) {
        for (const re of joinPatterns(v2)) {
          for (const m of text.matchAll(re)) {
            const groups = m.slice(1).filter((g): g is string => g !== undefined);
            const pathGroup = groups.find((g) => g.startsWith('/'));
            const nameGroup = groups.find((g) => !g.startsWith('/'));
            if (!pathGroup || !nameGroup) continue;
            const base = bases.get(lastSegment(nameGroup));
            if (!base || base.v2 !== v2) continue;
            const fullPath = v2 ? `/v2${pathGroup}` : pathGroup;
            add(`${base.url}${pathGroup}`, fullPath, m.index!, m.index! + m[0].length);
          }
        }
      }
    }
  }
  matches.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  return matches;
}
