// The extension's two Node bundles (scripts/build.mjs builds them; test/unit/build checks the first):
//   src/extension.ts -> dist/extension.js   the activation shell: what VS Code loads to activate the extension
//   src/main.ts      -> dist/main.js        everything else (the client with undici, yaml and ws, the features),
//                                           required by the shell right after activation or on first need
// The shell stays small so that activation is fast: at most ACTIVATION_LIMIT_KB minified, and nothing of
// node_modules in it (`vscode` is the host's).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ACTIVATION_LIMIT_KB = 150;

/** What every esbuild build of the repository shares; PRODUCTION minifies and drops the maps (the .vsix ships none). */
export const commonOptions = (production) => ({
  bundle: true, sourcemap: !production, minify: production, keepNames: true, logLevel: 'warning', metafile: true, absWorkingDir: ROOT,
});
const node = (production) => ({ ...commonOptions(production), platform: 'node', format: 'cjs', target: 'node20' });

/** The shell; require('./main.js') stays a require of the file next to it. */
export const activationBundle = (production) => ({
  ...node(production), entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './main.js'],
});

export const mainBundle = (production) => ({ ...node(production), entryPoints: ['src/main.ts'], outfile: 'dist/main.js', external: ['vscode'] });

/** What is wrong with the shell built with METAFILE (its size is checked when MINIFIED); empty when nothing. */
export function activationProblems(metafile, minified) {
  const output = metafile.outputs['dist/extension.js'];
  const problems = Object.keys(output.inputs).filter((input) => input.includes('node_modules/'))
    .map((input) => `dist/extension.js bundles ${input}: the activation shell may use no package (import it in src/main.ts's modules)`);
  const kb = output.bytes / 1024;
  if (minified && kb > ACTIVATION_LIMIT_KB) problems.push(`dist/extension.js is ${kb.toFixed(1)} KB minified, more than ${ACTIVATION_LIMIT_KB} KB`);
  return problems;
}
