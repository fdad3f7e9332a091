// "Copy as openstack CLI": the python-openstackclient command line that does what a command is about to do,
// quoted for a POSIX shell. Pure: no vscode import, unit-tested.

/** Characters a POSIX shell never treats specially in a word (a leading `=` is expanded by zsh). */
const SAFE = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

/** ARG as one POSIX shell word: as is when safe, else single-quoted (a quote inside becomes '\''). */
export function shellQuote(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Where the command runs: `--os-cloud` (when the cloud is in clouds.yaml) and `--os-project-id`. */
export interface CliContext {
  /** The clouds.yaml entry; undefined for a cloud the CLI cannot name (added in the editor, OS_* variables). */
  cloud?: string;
  /** Set when the project is not the cloud's configured one. */
  projectId?: string;
}

/** `openstack [--os-cloud C] [--os-project-id P] ARGS…`; undefined/false arguments are left out. */
export function cliLine(context: CliContext, args: readonly (string | undefined | false)[]): string {
  const global = [
    ...(context.cloud ? ['--os-cloud', context.cloud] : []),
    ...(context.projectId ? ['--os-project-id', context.projectId] : []),
  ];
  return ['openstack', ...global, ...args.filter((a): a is string => typeof a === 'string')].map(shellQuote).join(' ');
}

/** `--flag value` for each value, e.g. repeated `--network`. */
export function repeated(flag: string, values: readonly string[]): string[] {
  return values.flatMap((v) => [flag, v]);
}
