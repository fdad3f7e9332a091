// Check 8, the guest's side, read from its console log: did it get a DHCP lease and reach the metadata service?
// The lines of cirros (busybox udhcpc, cirros-ds), cloud-init, systemd-networkd, dhclient and the dev cloud's
// guest are known; the last one in the log wins, since the log may hold several boots.
import * as l10n from '@vscode/l10n';
import { cliLine } from '../../../core/cliLine';
import { stripAnsi } from '../../console/model/ansi';
import { evidence, failed, passed, unknown, type Check } from './checklist';
import type { CheckInput } from './checkInput';

export interface GuestLine {
  outcome: 'ok' | 'failed';
  /** The console line, quoted as evidence. */
  line: string;
}

interface Pattern {
  outcome: 'ok' | 'failed';
  re: RegExp;
}

const DHCP: Pattern[] = [
  { outcome: 'ok', re: /devcloud-guest: DHCP lease \S+/ },
  { outcome: 'ok', re: /udhcpc[:\]].*lease of \S+ obtained/i },
  { outcome: 'ok', re: /ci-info: \|\s*\w+\s*\|\s*True\s*\|\s*(?!127\.)\d+\.\d+\.\d+\.\d+\s*\|/ },
  { outcome: 'ok', re: /DHCPv4 address \S+/ },
  { outcome: 'ok', re: /dhclient.*bound to \S+/ },
  { outcome: 'failed', re: /devcloud-guest: no DHCP lease/ },
  { outcome: 'failed', re: /udhcpc[:\]].*no lease, failing/i },
  { outcome: 'failed', re: /No DHCPOFFERS received/ },
];

const METADATA: Pattern[] = [
  { outcome: 'ok', re: /devcloud-guest: metadata hostname \S+/ },
  // cirros: "successful after 1/20 tries: up 4.51. iid=i-00000001"
  { outcome: 'ok', re: /successful after \d+\/\d+ tries: .*iid=/ },
  { outcome: 'ok', re: /[Dd]atasource DataSourceOpenStack/ },
  { outcome: 'failed', re: /devcloud-guest: no metadata service answered/ },
  // cirros gives up after its retries ("failed 20/20" lines before it are retries)
  { outcome: 'failed', re: /failed to read iid from metadata/ },
  { outcome: 'failed', re: /[Dd]atasource DataSourceNone/ },
];

function lastOutcome(log: string, patterns: Pattern[]): GuestLine | undefined {
  const lines = stripAnsi(log).split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const hit = patterns.find((p) => p.re.test(lines[i]));
    if (hit) return { outcome: hit.outcome, line: lines[i] };
  }
  return undefined;
}

/** The last DHCP outcome in the console LOG. */
export const lastDhcpOutcome = (log: string) => lastOutcome(log, DHCP);
/** The last metadata service outcome in the console LOG. */
export const lastMetadataOutcome = (log: string) => lastOutcome(log, METADATA);

function guestCheck(input: CheckInput, kind: 'dhcp' | 'metadata'): Check {
  const id = kind === 'dhcp' ? 'guest-dhcp' : 'guest-metadata';
  const title = kind === 'dhcp' ? l10n.t('The guest got a DHCP lease') : l10n.t('The guest reached the metadata service');
  const { server, consoleLog } = input.snapshot;
  const cli = cliLine(input.cli.context, ['console', 'log', 'show'], [server.id]);
  if (consoleLog === undefined) return unknown({ id, title, cli, evidence: [], summary: l10n.t("The instance's console log was not read.") });
  const found = kind === 'dhcp' ? lastDhcpOutcome(consoleLog) : lastMetadataOutcome(consoleLog);
  const what = kind === 'dhcp' ? 'DHCP' : l10n.t('metadata service');
  if (!found) return unknown({ id, title, cli, evidence: [], summary: l10n.t('The console log has no {0} line this check knows (cirros, cloud-init, systemd-networkd, dhclient).', what) });
  // the guest's line is quoted as it is
  const facts = [evidence('console_log', server, l10n.t('console log'), found.line)];
  if (found.outcome === 'ok') return passed({ id, title, cli, evidence: facts, summary: l10n.t('The console log says: "{0}".', found.line) });
  const effect = kind === 'dhcp' ? l10n.t('it has no address to answer on') : l10n.t('it got no SSH key or hostname from it');
  return failed({ id, title, cli, evidence: facts, summary: l10n.t('The guest\'s console log says "{0}": {1}.', found.line, effect) });
}

export const guestDhcpCheck = (input: CheckInput) => guestCheck(input, 'dhcp');
export const guestMetadataCheck = (input: CheckInput) => guestCheck(input, 'metadata');
