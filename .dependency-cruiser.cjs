// The layers of src/, checked by `npm run lint` (dependency-cruiser). Each layer imports only the ones below it:
//
//   extension.ts, main.ts, features/*.ts (registration)               top
//   features/<feature>/ (tree nodes, commands, input flows)
//   ui/ (command wrapper, multi-step input, pickers, tree machinery)
//   context/ (clouds, the active cloud and project, the log)
//   core/, features/<feature>/model/ (pure: validation, CLI lines, refusals; no vscode)
//   openstack/ (the client: no vscode, nothing above it)                 ground floor
//
// Type-only imports count (tsPreCompilationDeps), so a type-only cycle or upward import fails too.
//
// Beside the layers: the activation shell (extension.ts, activation/) is its own bundle, dist/extension.js, which
// VS Code loads to activate the extension; it stays small by importing (types aside) only what is listed in
// SHELL_MAY_IMPORT, and it requires main.ts (dist/main.js, everything else) at run time. scripts/bundles.mjs
// checks the bundle's size and packages too, transitive imports included.
const MODEL = '^src/(core/|features/[^/]+/model/)';
const FEATURE_UI = '^src/features/[^/]+/(?!model/)';
const TOP = '^src/(extension\\.ts$|main\\.ts$|features/[^/]+\\.ts$)';
const SHELL = '^src/(extension\\.ts$|activation/)';
const SHELL_MAY_IMPORT = '^src/(activation/|core/schemes\\.ts$|context/log\\.ts$)|^node_modules/@types/vscode/|^vscode$';

/** A rule that forbids FROM to import TO, with WHY as its message. */
const forbid = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    { name: 'no-cycles', comment: 'Import cycles, type-only ones included, tie modules that should stand apart.', severity: 'error', from: {}, to: { circular: true } },
    forbid('openstack-is-the-ground-floor', '^src/openstack/', '^src/(?!openstack/)', 'src/openstack is the pure client: it imports nothing else of src/.'),
    forbid('no-vscode-below-context', `^src/openstack/|${MODEL}`, '^vscode$|node_modules/@types/vscode/', 'The client and the pure models never import vscode (they are unit-tested in plain node).'),
    forbid('models-are-pure', MODEL, `^src/(context|ui)/|${FEATURE_UI}|${TOP}`, 'A pure model imports only src/openstack, src/core and other models.'),
    forbid('context-below-ui', '^src/context/', `^src/ui/|^src/features/|${TOP}`, 'src/context (clouds, active project, log) sits below the UI machinery and the features.'),
    forbid('ui-below-features', '^src/ui/', `^src/features/|${TOP}`, 'The UI machinery serves every feature and knows none of them.'),
    forbid('features-below-registration', FEATURE_UI, TOP, 'A feature is registered from above; it never imports the registration or the extension.'),
    {
      name: 'activation-shell-stays-small', severity: 'error',
      comment: 'dist/extension.js is loaded at activation: import the rest as types only; it runs in main.ts (dist/main.js).',
      from: { path: SHELL }, to: { pathNot: SHELL_MAY_IMPORT, dependencyTypesNot: ['type-only', 'type-import', 'require'] },
    },
    {
      name: 'activation-shell-requires-only-main', severity: 'error',
      comment: "The shell's one require is require('./main.js'), the second bundle (scripts/bundles.mjs leaves it out of the first).",
      from: { path: SHELL }, to: { path: '^src/', pathNot: '^src/main\\.ts$', dependencyTypes: ['require'] },
    },
    forbid('webview-takes-only-pure-models', '^webview/', `^src/(?!core/|features/[^/]+/model/)`, 'The webview runs in a browser: it may share only pure models (the console protocol).'),
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
