// `npm start`: build if the build is missing, then `verbund demo` (the OWL-IT example, an
// admin account, the web UI on http://127.0.0.1:4680).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/main.js') || !existsSync('dist/web/index.html')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(process.execPath, ['bin/verbund.js', 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
