/**
 * The folder of the installed verbund package (for the bundled examples), found from this
 * file whether it runs from `src/` (tsx) or `dist/` (built).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the package root. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'verbund') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the verbund package folder');
    dir = up;
  }
}
