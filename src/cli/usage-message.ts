/**
 * yargs' validation messages, made one readable line: an invalid choice names the option and the
 * allowed values (`--backend: invalid value "foo" (choose from "novita", "local")`), where yargs prints
 * `Invalid values:` and the details on following lines.
 */
export function usageMessage(raw: string): string {
  const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
  const choices = lines
    .map((l) => /^Argument: (.+?), Given: (.+?), Choices: (.+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `--${m[1]}: invalid value ${m[2]} (choose from ${m[3]})`);
  if (choices.length) return choices.join('; ');
  return lines.join(' ');
}
