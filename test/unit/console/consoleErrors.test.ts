// Nova's console refusals in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainConsoleError } from '../../../src/features/console/model/consoleErrors';
import { OpenStackError } from '../../../src/openstack/errors';

const http = (status: number, serviceMessage: string) => new OpenStackError({ kind: 'http', status, text: serviceMessage, serviceMessage, service: 'compute' });

test('400 "Unavailable console type" says the cloud has that console off and offers the others', () => {
  const words = explainConsoleError(http(400, 'Unavailable console type novnc.'), 'novnc');
  assert.match(words ?? '', /does not offer the VNC console \(nova: "Unavailable console type novnc\."\).*Try the serial console or the console log/);
  assert.match(explainConsoleError(http(400, 'Unavailable console type serial.'), 'serial') ?? '', /serial console.*Try the VNC console/);
});

test('409 (not running), 501, 404 and 403 have their own words; anything else is left to the generic report', () => {
  assert.match(explainConsoleError(http(409, "Instance abc in vm_state stopped. Cannot get_serial_console while the instance is in this state."), 'serial') ?? '', /only available while the instance is running/);
  assert.match(explainConsoleError(http(501, 'Not Implemented'), 'novnc') ?? '', /hypervisor does not provide/);
  assert.match(explainConsoleError(http(404, 'Instance x could not be found.'), 'log') ?? '', /no longer exists/);
  assert.match(explainConsoleError(http(403, 'Policy does not allow'), 'serial') ?? '', /role may not/);
  assert.equal(explainConsoleError(http(500, 'boom'), 'serial'), undefined);
  assert.equal(explainConsoleError(new Error('x'), 'serial'), undefined);
});
