import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Emits /service-worker.js (docs/pwa.md) from web/pwa/service-worker.template.js with the list of
 * files to precache — the built shell: index.html, every JS/CSS/font asset Vite wrote (lazy pages
 * included, so a page opened offline has its code), the manifest and the icons — and a version
 * that is a hash of those names. Vite's file names carry their content hashes, so any change to the
 * code gives a new worker, which the page offers as 「有新版本，点此刷新」.
 */
export function serviceWorkerPlugin(webRoot: string): Plugin {
  return {
    name: 'lx-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicDir = path.join(webRoot, 'public');
      const publicFiles = ['index.html', 'manifest.webmanifest', ...fs.readdirSync(path.join(publicDir, 'icons')).map((f) => `icons/${f}`)];
      const built = Object.keys(bundle).filter((f) => !f.endsWith('.map') && !f.startsWith('.vite/') && f !== 'service-worker.js');
      const files = [...new Set([...built, ...publicFiles])].sort().map((f) => `/${f}`);
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update('\n');
      for (const f of publicFiles.filter((x) => x !== 'index.html')) hash.update(fs.readFileSync(path.join(publicDir, f)));
      const version = hash.digest('hex').slice(0, 16);
      const template = fs.readFileSync(path.join(webRoot, 'pwa/service-worker.template.js'), 'utf8');
      const source = template.replace("const VERSION = '__LX_VERSION__';", `const VERSION = '${version}';`)
        .replace('const PRECACHE = __LX_PRECACHE__;', `const PRECACHE = ${JSON.stringify(['/', ...files])};`);
      if (source.includes('__LX_')) this.error('service-worker.template.js: a placeholder was left unfilled');
      this.emitFile({ type: 'asset', fileName: 'service-worker.js', source });
    },
  };
}
