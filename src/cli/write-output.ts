import writeFileAtomic from 'write-file-atomic';

/** `--output-file`: written whole (temporary file + rename) or not at all. */
export function writeReport(text: string, outputFile: string | undefined): void {
  if (outputFile) writeFileAtomic.sync(outputFile, text);
  else process.stdout.write(text);
}
