/** The `type` of the package a file belongs to (`module` or `commonjs`, Node's default). */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { findUp } from '../../src/engine/find-up.js';

export function packageType(filePath: string): 'module' | 'commonjs' {
  const pkg = findUp(dirname(filePath), 'package.json');
  if (!pkg) return 'commonjs';
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'commonjs';
  }
}
