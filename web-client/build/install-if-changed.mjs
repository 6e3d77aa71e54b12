// `npm ci` when node_modules does not match package-lock.json (first build, or the lock changed),
// otherwise nothing: a rebuild of the Maven reactor should not reinstall 60 packages each time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lock = readFileSync('package-lock.json');
const digest = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.lwm-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
  console.log('web-client: node_modules matches package-lock.json');
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  writeFileSync(stamp, digest);
}
