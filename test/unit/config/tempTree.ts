// Real files in a fresh temp dir per test, removed when the test ends.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { loadCloudConfig, type LoadOptions, type LoadResult } from '../../../src/openstack/config';

export async function tempTree(t: TestContext, files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'os-config-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, relative)), { recursive: true });
    await writeFile(join(root, relative), content);
  }
  return root;
}

/** Loads with root/cwd, root/user and root/etc as the search path, so nothing outside root is read. */
export function loadFrom(root: string, options: Partial<LoadOptions> = {}): Promise<LoadResult> {
  return loadCloudConfig({
    env: {},
    cwd: join(root, 'cwd'),
    homeDir: join(root, 'home'),
    platform: 'linux',
    searchDirs: [join(root, 'cwd'), join(root, 'user'), join(root, 'etc')],
    ...options,
  });
}

/** A clouds.yaml with one cloud `name` whose body is `body` (YAML, indented by the caller). */
export function cloudsYaml(name: string, body: string): string {
  return `clouds:\n  ${name}:\n${body.replace(/^/gm, '    ')}\n`;
}
