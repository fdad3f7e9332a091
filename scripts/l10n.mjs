// The English message bundle, l10n/bundle.l10n.json: every l10n.t(...) message of src/ and webview/, extracted by
// @vscode/l10n-dev (the tool VS Code documents). It is what a translation starts from; the unit test
// test/unit/l10n/bundle.test.ts fails when it is stale or when a translation misses or keeps a key.
//
//   node scripts/l10n.mjs            # rewrite l10n/bundle.l10n.json from the sources
import { getL10nJson } from '@vscode/l10n-dev';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENGLISH_BUNDLE = join(ROOT, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The messages the sources ask for, keyed as VS Code looks them up (message, or message/comment). */
export async function extractBundle() {
  const files = ['src', 'webview'].flatMap(sourceFiles);
  const bundle = await getL10nJson(files.map((f) => ({ contents: readFileSync(f, 'utf8'), extension: extname(f) })));
  return Object.fromEntries(Object.entries(bundle).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function writeEnglishBundle() {
  const bundle = await extractBundle();
  writeFileSync(ENGLISH_BUNDLE, JSON.stringify(bundle, null, 2) + '\n');
  console.log(`${ENGLISH_BUNDLE}: ${Object.keys(bundle).length} messages`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeEnglishBundle().catch((err) => { console.error(err); process.exit(1); });
