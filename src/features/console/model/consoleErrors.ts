// Why a console could not be had, in words: nova's refusals for remote consoles and the console log.
// Pure: no vscode import.
import * as l10n from '@vscode/l10n';
import type { OpenStackError } from '../../../openstack/errors';

export type ConsoleKind = 'novnc' | 'serial' | 'spice-html5' | 'log';

/** The console's name, as it reads after "the" (called when needed: the words follow the display language). */
function nameOf(kind: ConsoleKind): string {
  switch (kind) {
    case 'novnc': return l10n.t('VNC console');
    case 'serial': return l10n.t('serial console');
    case 'spice-html5': return l10n.t('SPICE console');
    case 'log': return l10n.t('console log');
  }
}

/** What to try instead of KIND. */
function otherOf(kind: ConsoleKind): string {
  switch (kind) {
    case 'novnc': return l10n.t('the serial console or the console log');
    case 'serial': return l10n.t('the VNC console or the console log');
    case 'spice-html5': return l10n.t('the VNC or serial console');
    case 'log': return l10n.t('the serial or VNC console');
  }
}

/** A message for a failed console request; undefined when the error is not one nova gives for consoles. */
export function explainConsoleError(err: unknown, kind: ConsoleKind): string | undefined {
  // by shape, not instanceof: a test bundle holds its own copy of the class
  if (!isHttpError(err)) return undefined;
  const said = err.serviceMessage ?? '';
  // nova's own words stay as nova sent them
  const quote = said ? l10n.t(' (nova: "{0}")', said.slice(0, 300)) : '';
  if (err.status === 400 && /unavailable console type/i.test(said)) {
    return l10n.t('This cloud does not offer the {0}{1}: its compute service has that console turned off. Try {2}.', nameOf(kind), quote, otherOf(kind));
  }
  if (err.status === 409) {
    return l10n.t('The {0} is only available while the instance is running{1}. Start the instance, then try again.', nameOf(kind), quote);
  }
  if (err.status === 501 || /not implemented|not supported/i.test(said)) {
    return l10n.t("The instance's hypervisor does not provide a {0}{1}. Try {2}.", nameOf(kind), quote, otherOf(kind));
  }
  if (err.status === 404) return l10n.t('The instance no longer exists{0}.', quote);
  if (err.status === 403) return l10n.t('Your role may not open the {0} of this instance{1}.', nameOf(kind), quote);
  return undefined;
}

function isHttpError(err: unknown): err is OpenStackError {
  return err instanceof Error && err.name === 'OpenStackError' && (err as Partial<OpenStackError>).kind === 'http';
}
