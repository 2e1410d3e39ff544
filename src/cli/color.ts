/**
 * Whether stylish output is coloured. In order: `--color` / `--no-color`; `FORCE_COLOR` (`0` or `false`
 * turn colour off, any other value on, as supports-color reads it); `NO_COLOR` (any non-empty value: off,
 * no-color.org); a report going to a file: off; else on when stdout is a TTY.
 */
export interface ColorInputs {
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  toFile: boolean;
}

export function useColor({ flag, env, isTTY, toFile }: ColorInputs): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR) return false;
  if (toFile) return false;
  return isTTY;
}
