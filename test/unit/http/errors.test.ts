import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenStackError, parseFault, redactUrl } from '../../../src/openstack/errors';

const JSON_TYPE = 'application/json';

describe('parseFault', () => {
  it('reads nova faults and keeps the fault name', () => {
    const cases: [number, string, string, string][] = [
      [409, '{"conflictingRequest": {"code": 409, "message": "Multiple possible networks found, use a Network ID to be more specific."}}',
        'Multiple possible networks found, use a Network ID to be more specific.', 'conflictingRequest'],
      [400, '{"badRequest": {"code": 400, "message": "Invalid input for field/attribute flavorRef. Value: None. None is not of type \'string\', \'integer\'"}}',
        "Invalid input for field/attribute flavorRef. Value: None. None is not of type 'string', 'integer'", 'badRequest'],
      [404, '{"itemNotFound": {"code": 404, "message": "Instance 0b1a2f7e-3c5d-4e8f-9a6b-1c2d3e4f5a6b could not be found."}}',
        'Instance 0b1a2f7e-3c5d-4e8f-9a6b-1c2d3e4f5a6b could not be found.', 'itemNotFound'],
      [403, '{"forbidden": {"code": 403, "message": "Policy doesn\'t allow os_compute_api:servers:create:forced_host to be performed."}}',
        "Policy doesn't allow os_compute_api:servers:create:forced_host to be performed.", 'forbidden'],
      [403, '{"overLimit": {"code": 403, "message": "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances"}}',
        'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances', 'overLimit'],
    ];
    for (const [status, body, message, faultType] of cases) {
      assert.deepEqual(parseFault(status, JSON_TYPE, body), { message, faultType });
    }
  });

  it('reads neutron faults and keeps their type', () => {
    assert.deepEqual(
      parseFault(409, JSON_TYPE, '{"NeutronError": {"type": "OverQuota", "message": "Quota exceeded for resources: [\'floatingip\'].", "detail": ""}}'),
      { message: "Quota exceeded for resources: ['floatingip'].", faultType: 'OverQuota' },
    );
    const body = JSON.stringify({
      NeutronError: {
        type: 'ExternalGatewayForFloatingIPNotFound',
        message: 'External network 6f2a0c1e-9d4b-4f3a-8c2d-1e0f9a8b7c6d is not reachable from subnet 3b1c2d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e.  Therefore, cannot associate Port 9c8b7a6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d with a Floating IP.',
        detail: '',
      },
    });
    const fault = parseFault(404, JSON_TYPE, body);
    assert.equal(fault.faultType, 'ExternalGatewayForFloatingIPNotFound');
    assert.match(fault.message, /is not reachable from subnet 3b1c.*\. Therefore, cannot associate Port/);
  });

  it('appends a neutron detail that adds information', () => {
    const body = '{"NeutronError": {"type": "HTTPBadRequest", "message": "Invalid input for operation.", "detail": "cidr 10.0.0.0/33 is not valid"}}';
    assert.equal(parseFault(400, JSON_TYPE, body).message, 'Invalid input for operation. cidr 10.0.0.0/33 is not valid');
  });

  it('reads keystone and heat errors', () => {
    assert.deepEqual(
      parseFault(401, JSON_TYPE, '{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}'),
      { message: 'The request you have made requires authentication.', faultType: undefined },
    );
    const heat = '{"explanation": "The server could not comply with the request since it is either malformed or otherwise incorrect.", "code": 400, "error": {"message": "Property error: resources.server.properties.flavor: Error validating value \'m1.huge\'", "traceback": null, "type": "StackValidationFailed"}, "title": "Bad Request"}';
    assert.deepEqual(parseFault(400, JSON_TYPE, heat), {
      message: "Property error: resources.server.properties.flavor: Error validating value 'm1.huge'", faultType: 'StackValidationFailed',
    });
  });

  it('reads placement errors and keeps their code', () => {
    const body = '{"errors": [{"status": 409, "title": "Conflict", "detail": "There was a conflict when trying to complete your request.\\n\\n Unable to allocate inventory: Unable to create allocation for \'VCPU\' on resource provider \'2f6c\'. The requested amount would exceed the capacity.  ", "code": "placement.undefined_code", "request_id": "req-8e3b6b7c-8f1e-4f0e-9a43-5c2f0c7d1e11"}]}';
    const fault = parseFault(409, JSON_TYPE, body);
    assert.equal(fault.faultType, 'placement.undefined_code');
    assert.equal(fault.message, "There was a conflict when trying to complete your request. Unable to allocate inventory: Unable to create allocation for 'VCPU' on resource provider '2f6c'. The requested amount would exceed the capacity.");
  });

  it('reads glance HTML pages without the repeated status line', () => {
    const conflict = '<html>\n <head>\n  <title>409 Conflict</title>\n </head>\n <body>\n  <h1>409 Conflict</h1>\n  There was a conflict when trying to complete your request.<br /><br />\nImage with identifier 7d5e3f1a-2b4c-4d6e-8f0a-1b2c3d4e5f6a already exists!\n\n\n </body>\n</html>';
    assert.deepEqual(parseFault(409, 'text/html; charset=UTF-8', conflict), {
      message: 'There was a conflict when trying to complete your request. Image with identifier 7d5e3f1a-2b4c-4d6e-8f0a-1b2c3d4e5f6a already exists!',
    });
    const notFound = '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\nNo image found with ID 42 &amp; &#39;x&#39;\n\n\n </body>\n</html>';
    assert.equal(parseFault(404, 'text/html', notFound).message, "The resource could not be found. No image found with ID 42 & 'x'");
  });

  it('reads plain text, and falls back to the status text for empty or tag-only bodies', () => {
    assert.deepEqual(parseFault(404, 'text/plain', '<html><h1>Not Found</h1><p>The resource could not be found.</p></html>'), {
      message: 'The resource could not be found.',
    });
    assert.equal(parseFault(502, 'text/plain; charset=utf-8', 'upstream connect error\n  or disconnect\n').message, 'upstream connect error or disconnect');
    assert.equal(parseFault(503, undefined, '').message, 'Service Unavailable');
    assert.equal(parseFault(503, 'text/html', '<html><head><title>503</title></head><body><h1>503 Service Unavailable</h1></body></html>').message, 'Service Unavailable');
    assert.equal(parseFault(599, undefined, '  ').message, 'HTTP 599');
  });

  it('keeps unknown JSON as text, and clips huge bodies', () => {
    assert.equal(parseFault(500, JSON_TYPE, '{"unexpected": 1, "shape": true}').message, '{"unexpected": 1, "shape": true}');
    assert.equal(parseFault(500, 'text/plain', 'x'.repeat(5000)).message.length, 1001);
  });
});

describe('OpenStackError', () => {
  it('reads like service: text (status, request, id)', () => {
    const error = new OpenStackError({
      kind: 'http', text: 'Multiple possible networks found, use a Network ID to be more specific.', status: 409, method: 'POST',
      url: 'http://ctrl:8774/v2.1/servers', requestId: 'req-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', service: 'Nova',
    });
    assert.equal(error.message,
      'Nova: Multiple possible networks found, use a Network ID to be more specific. (HTTP 409, POST http://ctrl:8774/v2.1/servers, request req-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f)');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'OpenStackError');
  });

  it('never shows userinfo or a token', () => {
    const error = new OpenStackError({ kind: 'network', text: 'x', method: 'GET', url: 'https://admin:hunter2@ctrl:5000/v3/auth/tokens?nocatalog=1&token=gAAAAsecret' });
    assert.equal(error.url, 'https://ctrl:5000/v3/auth/tokens?nocatalog=1&token=***');
    assert.doesNotMatch(error.message, /hunter2|gAAAAsecret/);
  });
});

describe('redactUrl', () => {
  it('scrubs secrets also inside an encoded parameter, keeping the rest of the query', () => {
    assert.equal(redactUrl('http://ctrl:6080/vnc_lite.html?path=%3Ftoken%3Dabc-123%26x%3D1&title=vm'), 'http://ctrl:6080/vnc_lite.html?path=%3Ftoken%3D***%26x%3D1&title=vm');
    assert.equal(redactUrl('/v1/AUTH_x/c/o?temp_url_sig=deadbeef&temp_url_expires=1'), '/v1/AUTH_x/c/o?temp_url_sig=***&temp_url_expires=1');
    assert.equal(redactUrl('http://ctrl/v2.1/servers?limit=2&marker=m1'), 'http://ctrl/v2.1/servers?limit=2&marker=m1');
  });
});
