/** Helpers shared by the harness's own drivers (app drivers may use them too). */

/** Prints the driver's outcome: one JSON line, the last on stdout. */
export function report(outcome) {
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

/**
 * Runs `main`, reports its value, or `{ error }` with exit code 1 when it
 * throws, then exits: keep-alive agents or timers the app leaves open must
 * not hold the child until the runner's timeout. (stdout to a pipe is
 * synchronous on Linux, so the line is out before the exit.)
 */
export async function drive(main) {
  let code = 0;
  try {
    report(await main());
  } catch (err) {
    report({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    code = 1;
  }
  process.exit(code);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes) {
  const buf = Buffer.from(bytes);
  if (buf.length < 24 || buf.readUInt32BE(0) !== 0x89504e47 || buf.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`not a PNG (${buf.length} bytes)`);
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
