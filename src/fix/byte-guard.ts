/**
 * "Keep every byte outside the edited statements": compares the old and
 * new text line by line and names the first original line that changed
 * outside the statements fix meant to edit (inserted lines, such as an
 * import or a TODO comment, are fine: they change no existing byte).
 */
import { structuredPatch } from 'diff';

export function changesOutsideEdits(before: string, after: string, editedLines: ReadonlyArray<readonly [number, number]>): number | undefined {
  const patch = structuredPatch('a', 'b', before, after, '', '', { context: 0 });
  const allowed = (line: number) => editedLines.some(([from, to]) => line >= from && line <= to);
  for (const hunk of patch.hunks) {
    for (let i = 0; i < hunk.oldLines; i++) {
      const line = hunk.oldStart + i;
      if (!allowed(line)) return line;
    }
  }
  return undefined;
}
