// "Copy as openstack CLI": the python-openstackclient command line that does what a command is about to do,
// quoted for a POSIX shell. Pure: no vscode import, unit-tested.
//
// Names are anyone's choice: one starting with "-" (`-hname`) would be read by the CLI's argument parser as
// options (here: print help and succeed without creating anything). An option's value is therefore written as
// `--flag=value` when it starts with "-", and positional arguments follow `--` when one of them does.
import * as l10n from '@vscode/l10n';

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
  /** A cloud added in the editor: not in clouds.yaml, so the line cannot name it (said next to the copy). */
  addedInEditor?: string;
}

/** What the user must know to run the copied lines, or undefined when they run as they are. */
export function cliNote(context: CliContext): string | undefined {
  return context.addedInEditor === undefined ? undefined
    : l10n.t("Cloud '{0}' was added in the editor, not in clouds.yaml: the line has no --os-cloud, so run it where the cloud's OS_* variables are set (e.g. after sourcing its openrc).", context.addedInEditor);
}

/** An option with its value, e.g. `['--network', name]`. */
export type CliOption = readonly [flag: string, value: string];

/** A command word or a flag without a value (undefined/false: left out), or an option with its value. */
export type CliArg = string | CliOption | undefined | false;

/** The option as shell words: `--flag value`, or `--flag=value` when the value would read as an option. */
function optionWords([flag, value]: CliOption): string[] {
  return value.startsWith('-') ? [`${flag}=${value}`] : [flag, value];
}

/** `openstack [--os-cloud C] [--os-project-id P] ARGS… [--] POSITIONALS…`. */
export function cliLine(context: CliContext, args: readonly CliArg[], positionals: readonly string[] = []): string {
  const global: CliOption[] = [
    ...(context.cloud ? [['--os-cloud', context.cloud] as const] : []),
    ...(context.projectId ? [['--os-project-id', context.projectId] as const] : []),
  ];
  const words = [...global, ...args].flatMap((a) => (typeof a === 'string' ? [a] : a ? optionWords(a) : []));
  const separator = positionals.some((p) => p.startsWith('-')) ? ['--'] : [];
  return ['openstack', ...words, ...separator, ...positionals].map(shellQuote).join(' ');
}

/** `--flag value` for each value, e.g. repeated `--network`. */
export function repeated(flag: string, values: readonly string[]): CliOption[] {
  return values.map((v) => [flag, v] as const);
}

/** `--flag value` when VALUE is set. */
export function optional(flag: string, value: string | undefined): CliOption[] {
  return value ? [[flag, value]] : [];
}

/** ID → a name the CLI can use for it (unique in what the project sees). */
export type CliNames = ReadonlyMap<string, string>;

/** ID → name for the names unique within their list (a name that looks like an ID would be read as one). */
export function uniqueNames(...lists: readonly (readonly { id: string; name: string }[])[]): CliNames {
  const names = new Map<string, string>();
  for (const list of lists) {
    const count = new Map<string, number>();
    for (const r of list) count.set(r.name, (count.get(r.name) ?? 0) + 1);
    for (const r of list) if (r.name && count.get(r.name) === 1 && !/^[0-9a-f-]{36}$/i.test(r.name)) names.set(r.id, r.name);
  }
  return names;
}
