// Builds the extension host bundle (Node, CommonJS) and the webview bundles (browser, IIFE).
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = path.resolve(import.meta.dirname, '..');

// 'undici' in the extension bundle is a set of getters that load dist/undici.js on first use (see
// scripts/bundle/undici-lazy.cjs); dist/undici.js holds only undici's dispatchers, not its
// fetch/WebSocket/cache stack (scripts/bundle/undici-lite.cjs).
function undiciLazy() {
  return {
    name: 'undici-lazy',
    setup(build) {
      build.onResolve({ filter: /^undici$/ }, () => ({ path: path.join(root, 'scripts/bundle/undici-lazy.cjs') }));
      build.onResolve({ filter: /^\.\/undici\.js$/ }, () => ({ path: './undici.js', external: true }));
    },
  };
}

const extension = {
  entryPoints: [path.join(root, 'src/extension.ts')],
  outfile: path.join(root, 'dist/extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  plugins: [undiciLazy()],
  minify: production,
  sourcemap: !production,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** The network layer the extension loads on its first request. */
const network = {
  ...extension,
  entryPoints: [path.join(root, 'scripts/bundle/undici-lite.cjs')],
  outfile: path.join(root, 'dist/undici.js'),
  plugins: [],
};

// Every top-level file in media/src is one webview's entry point; helpers live in subfolders.
const mediaSrc = path.join(root, 'media/src');
const webviewEntries = existsSync(mediaSrc)
  ? readdirSync(mediaSrc).filter((f) => f.endsWith('.ts')).map((f) => path.join(mediaSrc, f))
  : [];
const webviews = {
  entryPoints: webviewEntries,
  outdir: path.join(root, 'media/dist'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: production,
  sourcemap: production ? false : 'inline',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
};

async function run() {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  if (watch) {
    const contexts = [await esbuild.context(extension), await esbuild.context(network)];
    if (webviewEntries.length) contexts.push(await esbuild.context(webviews));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('watching…');
    return;
  }
  const ext = await esbuild.build(extension);
  writeFileSync(path.join(root, 'dist/meta.json'), JSON.stringify(ext.metafile));
  const net = await esbuild.build(network);
  writeFileSync(path.join(root, 'dist/meta-network.json'), JSON.stringify(net.metafile));
  if (webviewEntries.length) {
    const web = await esbuild.build(webviews);
    writeFileSync(path.join(root, 'dist/meta-webviews.json'), JSON.stringify(web.metafile));
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
