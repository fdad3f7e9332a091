// `npm run package`: openstack-explorer.vsix (production build through vscode:prepublish, no node_modules).
// The README links its screenshots relatively, which is right in the repository but broken in an installed package:
// VS Code shows a package's README in a webview that loads images only from https: or data: URLs, and there is no
// public repository to point vsce's --baseImagesUrl at. So the package gets a copy of the README with each
// screenshot inlined as a data: URL, and vsce leaves the links as they are (--no-rewrite-relative-links).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = join('.state', 'package', 'README.md');   // relative: vsce packs it only from the allow-list (.vscodeignore)

const inlined = readFileSync(join(root, 'README.md'), 'utf8').replace(
  /(!\[[^\]]*\]\()([^)\s:]+\.png)\)/g,
  (_, start, file) => `${start}data:image/png;base64,${readFileSync(join(root, file)).toString('base64')})`,
);
mkdirSync(join(root, dirname(readme)), { recursive: true });
writeFileSync(join(root, readme), inlined);

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--readme-path', readme, '-o', 'openstack-explorer.vsix'];
const packaged = spawnSync(process.execPath, [vsce, ...args], { cwd: root, stdio: 'inherit' });
process.exit(packaged.status ?? 1);
