/**
 * How repeated options resolve, as in ESLint: a single-valued option given twice keeps the last value
 * (`--format stylish --format json`, also what `npm run lint -- --format json` produces when the script
 * already has a `--format`); a repeatable one (`--rule`, `--ignore-pattern`) keeps them all.
 */

/** A repeatable option: absent, once (a string) or several times (an array). */
export function asList(value: unknown): string[] {
  return value === undefined ? [] : ([] as unknown[]).concat(value).map(String);
}

/** yargs `coerce` for a single-valued option: the last of repeated values wins. */
export function lastValue<T>(value: T | T[]): T {
  return Array.isArray(value) ? (value[value.length - 1] as T) : value;
}
