// `npm start` serves the web UI from web/dist; build it once if it is missing or older than web/src.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';

const dist = path.resolve('web/dist/index.html');
const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
  const p = path.join(dir, e.name);
  return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
}, 0);
if (fs.existsSync('web/src')) {
  const stale = !fs.existsSync(dist) || fs.statSync(dist).mtimeMs < newest('web/src');
  if (stale) {
    console.log('正在构建网页界面（首次启动需要约一分钟）…');
    execSync('npm run build:web', { stdio: 'inherit' });
  }
}
