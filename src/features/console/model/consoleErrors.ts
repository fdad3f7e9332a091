// Why a console could not be had, in words: nova's refusals for remote consoles and the console log.
// Pure: no vscode import.
import type { OpenStackError } from '../../../openstack/errors';

export type ConsoleKind = 'novnc' | 'serial' | 'spice-html5' | 'log';

const NAMES: Record<ConsoleKind, string> = { novnc: 'VNC console', serial: 'serial console', 'spice-html5': 'SPICE console', log: 'console log' };
const OTHER: Record<ConsoleKind, string> = {
  novnc: 'the serial console or the console log', serial: 'the VNC console or the console log',
  'spice-html5': 'the VNC or serial console', log: 'the serial or VNC console',
};

/** A message for a failed console request; undefined when the error is not one nova gives for consoles. */
export function explainConsoleError(err: unknown, kind: ConsoleKind): string | undefined {
  // by shape, not instanceof: a test bundle holds its own copy of the class
  if (!isHttpError(err)) return undefined;
  const said = err.serviceMessage ?? '';
  const quote = said ? ` (nova: "${said.slice(0, 300)}")` : '';
  if (err.status === 400 && /unavailable console type/i.test(said)) {
    return `This cloud does not offer the ${NAMES[kind]}${quote}: its compute service has that console turned off. Try ${OTHER[kind]}.`;
  }
  if (err.status === 409) {
    return `The ${NAMES[kind]} is only available while the instance is running${quote}. Start the instance, then try again.`;
  }
  if (err.status === 501 || /not implemented|not supported/i.test(said)) {
    return `The instance's hypervisor does not provide a ${NAMES[kind]}${quote}. Try ${OTHER[kind]}.`;
  }
  if (err.status === 404) return `The instance no longer exists${quote}.`;
  if (err.status === 403) return `Your role may not open the ${NAMES[kind]} of this instance${quote}.`;
  return undefined;
}

function isHttpError(err: unknown): err is OpenStackError {
  return err instanceof Error && err.name === 'OpenStackError' && (err as Partial<OpenStackError>).kind === 'http';
}
