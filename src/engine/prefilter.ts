/**
 * A cheap byte-level test run before parsing: a file that mentions none of
 * these can hold no V2 call we detect (URLs are built from a `/v2` or
 * `upscale`/`progress` literal somewhere, or come from novita-sdk), so it is
 * never parsed. Imported constants are resolved from the file that uses
 * them, which still names `upscale`/`progress` in its call or import.
 */
const NEEDLES = ['v2', 'pscale', 'rogress', 'ovita', 'omniinfer', 'PSCALE', 'ROGRESS', 'OVITA'].map((s) => Buffer.from(s));

export function mayContainV2Call(text: string | Buffer): boolean {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  // `v2` alone is too common; require it with one of the endpoint words or a Novita name.
  const hasV2 = buf.indexOf(NEEDLES[0]!) >= 0;
  const has = (i: number): boolean => buf.indexOf(NEEDLES[i]!) >= 0;
  // Cheapest rejection first: most files have neither `v2` nor a Novita name.
  if (!hasV2 && !has(3) && !has(4) && !has(7)) return false;
  return has(1) || has(2) || has(5) || has(6);
}
