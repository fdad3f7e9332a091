// Bundles everything with esbuild:
//   1. the extension        src/extension.ts        -> dist/extension.js       (Node 20, cjs, `vscode` external): the
//                                                      activation shell, small (checked here, see bundles.mjs)
//                           src/main.ts             -> dist/main.js            the rest, which the shell requires
//   2. the webviews         webview/main.ts         -> dist/webview/main.js    (browser, iife: the console panel)
//                           webview/topology.ts     -> dist/webview/topology.js (the network topology), each with its .css
//   3. ext-host test suite  test/exthost/suite/*.ts -> dist/test/exthost/*.js  (cjs; `vscode` and `mocha` external,
//      mocha resolves from node_modules because the suite runs from the development folder)
// Type checking is separate (`npm run typecheck`): esbuild only strips types.
//
//   node scripts/build.mjs                 # development build, with sourcemaps
//   node scripts/build.mjs --production    # minified, no maps, no test suite (vscode:prepublish / npm run package)
//   node scripts/build.mjs --watch         # rebuild on change
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, activationBundle, activationProblems, commonOptions, mainBundle } from './bundles.mjs';

const root = ROOT;
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = commonOptions(production);

const suiteDir = join(root, 'test/exthost/suite');
const builds = [
  activationBundle(production),
  mainBundle(production),
  {
    ...common,
    entryPoints: ['webview/main.ts', 'webview/topology.ts'],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120', // VS Code 1.100's webviews run in Electron 34 / a current browser
  },
];
if (!production) {
  builds.push({
    ...common,
    entryPoints: readdirSync(suiteDir).filter(f => f.endsWith('.ts')).map(f => `test/exthost/suite/${f}`),
    outdir: 'dist/test/exthost',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

/** Prints every output file of a build with its size. */
function report(result) {
  for (const out of Object.keys(result.metafile?.outputs ?? {})) {
    if (out.endsWith('.map')) continue;
    const kb = statSync(join(root, out)).size / 1024;
    console.log(`  ${relative(root, join(root, out)).padEnd(40)} ${kb.toFixed(1).padStart(8)} KB`);
  }
}

const reporter = {
  name: 'report',
  setup(build) {
    let started = 0;
    build.onStart(() => { started = Date.now(); });
    build.onEnd(result => {
      if (result.errors.length === 0) report(result);
      if (result.errors.length === 0 && build.initialOptions.outfile === 'dist/extension.js') {
        const problems = activationProblems(result.metafile, production);
        for (const p of problems) console.error(`✘ ${p}`);
        if (problems.length > 0 && !watch) process.exitCode = 1;
      }
      if (watch) console.log(`[watch] ${build.initialOptions.outfile ?? build.initialOptions.outdir} built in ${Date.now() - started} ms`);
    });
  },
};

if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
const t0 = Date.now();
if (watch) {
  for (const options of builds) await (await esbuild.context({ ...options, plugins: [reporter] })).watch();
  console.log('[watch] watching for changes (Ctrl+C to stop)');
} else {
  try {
    await Promise.all(builds.map(options => esbuild.build({ ...options, plugins: [reporter] })));
  } catch {
    process.exit(1); // esbuild has already printed the errors
  }
  console.log(`build${production ? ' (production)' : ''} ${process.exitCode ? 'failed' : 'done'} in ${Date.now() - t0} ms`);
}
