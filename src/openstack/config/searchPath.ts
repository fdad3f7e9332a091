import * as path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Host {
  env: Env;
  cwd: string;
  homeDir: string;
  platform: NodeJS.Platform;
}

/**
 * The directories openstacksdk searches, in order (loader.py CONFIG_SEARCH_PATH):
 * cwd, platformdirs' user config dir, ~/.config/openstack, platformdirs' site config
 * dirs, /etc/openstack. The last two non-platformdirs entries apply on every OS.
 */
export function configSearchDirs(host: Host): string[] {
  const p = host.platform === 'win32' ? path.win32 : path.posix;
  // Snaps point HOME inside the snap; openstacksdk reads the real one for ~/.config.
  const unixHome = host.env.SNAP_REAL_HOME || host.homeDir;
  return [
    host.cwd,
    userConfigDir(host, p),
    p.join(unixHome, '.config', 'openstack'),
    ...siteConfigDirs(host, p),
    '/etc/openstack',
  ];
}

/** Candidate files in search order, e.g. fileCandidates(dirs, 'clouds'). */
export function fileCandidates(dirs: readonly string[], baseName: 'clouds' | 'secure', platform: NodeJS.Platform): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return dirs.flatMap((dir) => ['.yaml', '.yml', '.json'].map((suffix) => p.join(dir, baseName + suffix)));
}

// platformdirs.PlatformDirs('openstack', 'OpenStack', multipath=True), as loader.py builds it.
function userConfigDir(host: Host, p: path.PlatformPath): string {
  if (host.platform === 'win32') {
    // Not roaming: %LOCALAPPDATA%, not %APPDATA%.
    return p.join(host.env.LOCALAPPDATA || p.join(host.homeDir, 'AppData', 'Local'), 'OpenStack', 'openstack');
  }
  if (host.platform === 'darwin') return p.join(host.homeDir, 'Library', 'Application Support', 'openstack');
  return p.join(host.env.XDG_CONFIG_HOME?.trim() || p.join(host.homeDir, '.config'), 'openstack');
}

function siteConfigDirs(host: Host, p: path.PlatformPath): string[] {
  if (host.platform === 'win32') return [p.join(host.env.ALLUSERSPROFILE || 'C:\\ProgramData', 'OpenStack', 'openstack')];
  if (host.platform === 'darwin') return ['/Library/Application Support/openstack'];
  // loader.py hands platformdirs' ':'-joined list on as one directory, which only works
  // for a single entry; searching each entry is what that intends.
  const dirs = host.env.XDG_CONFIG_DIRS?.trim() || '/etc/xdg';
  return dirs.split(':').map((dir) => p.join(dir, 'openstack'));
}
