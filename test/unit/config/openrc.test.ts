import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudFromEnvVars, parseOpenrc, validateCloud } from '../../../src/openstack/config';

// Horizon's "OpenStack RC File" download (api_access/openrc.sh.template), filled in.
const HORIZON_V3 = `#!/usr/bin/env bash
# To use an OpenStack cloud you need to authenticate against the Identity
# service named keystone, which returns a **Token** and **Service Catalog**.
export OS_AUTH_URL=https://keystone.example.com:5000/v3
# With the addition of Keystone we have standardized on the term **project**
# as the entity that owns the resources.
export OS_PROJECT_ID=8d3cd1b4b5a94a3b9f6b2e6d5f1e0a7c
export OS_PROJECT_NAME="demo"
export OS_USER_DOMAIN_NAME="Default"
if [ -z "$OS_USER_DOMAIN_NAME" ]; then unset OS_USER_DOMAIN_NAME; fi
export OS_PROJECT_DOMAIN_ID="default"
if [ -z "$OS_PROJECT_DOMAIN_ID" ]; then unset OS_PROJECT_DOMAIN_ID; fi
# unset v2.0 items in case set
unset OS_TENANT_ID
unset OS_TENANT_NAME
# In addition to the owning entity (tenant), OpenStack stores the entity
# performing the action as the **user**.
export OS_USERNAME="ann"
# With Keystone you pass the keystone password.
echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "
read -sr OS_PASSWORD_INPUT
export OS_PASSWORD=$OS_PASSWORD_INPUT
# If your configuration has multiple regions, we set that information here.
# OS_REGION_NAME is optional and only valid in certain environments.
export OS_REGION_NAME="RegionOne"
# Don't leave a blank variable, unset it if it was empty
if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi
export OS_INTERFACE=public
export OS_IDENTITY_API_VERSION=3
`;

// Horizon's application credential download (application_credentials/openrc.sh.template).
const HORIZON_APP_CRED = `#!/usr/bin/env bash

export OS_AUTH_TYPE=v3applicationcredential
export OS_AUTH_URL=https://keystone.example.com:5000/v3
export OS_IDENTITY_API_VERSION=3
export OS_REGION_NAME="RegionOne"
export OS_INTERFACE=public
export OS_APPLICATION_CREDENTIAL_ID=21dced0fd20347869b93710d2b98aae0
export OS_APPLICATION_CREDENTIAL_SECRET=very-secret
`;

test('Horizon v3 openrc: variables read, password prompt detected, nothing run', () => {
  const rc = parseOpenrc(HORIZON_V3);
  assert.deepEqual(rc, {
    vars: {
      OS_AUTH_URL: 'https://keystone.example.com:5000/v3',
      OS_PROJECT_ID: '8d3cd1b4b5a94a3b9f6b2e6d5f1e0a7c',
      OS_PROJECT_NAME: 'demo',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_ID: 'default',
      OS_USERNAME: 'ann',
      OS_REGION_NAME: 'RegionOne',
      OS_INTERFACE: 'public',
      OS_IDENTITY_API_VERSION: '3',
    },
    needsPassword: true,
    unresolved: [],
  });
});

test('Horizon v3 openrc becomes a password cloud that lacks only the password', () => {
  const c = cloudFromEnvVars(parseOpenrc(HORIZON_V3).vars, { homeDir: '/h', name: 'demo', source: 'extension' });
  assert.equal(c.authType, 'password');
  assert.deepEqual(c.auth, {
    authUrl: 'https://keystone.example.com:5000/v3',
    username: 'ann',
    userDomainName: 'Default',
    projectName: 'demo',
    projectId: '8d3cd1b4b5a94a3b9f6b2e6d5f1e0a7c',
    projectDomainId: 'default',
  });
  assert.equal(c.regionName, 'RegionOne');
  assert.deepEqual(c.apiVersions, { identity: '3' });
  assert.deepEqual(
    validateCloud(c).map((e) => e.message),
    ["cloud 'demo' imported by the extension uses password auth but has no auth.password; set OS_PASSWORD=<password> in the openrc file and import it again"],
  );
});

test('an openrc with a literal password needs no prompt', () => {
  const text = HORIZON_V3.replace('export OS_PASSWORD=$OS_PASSWORD_INPUT', () => `export OS_PASSWORD='pa$$ "word"'`);
  const rc = parseOpenrc(text);
  assert.equal(rc.needsPassword, false);
  assert.equal(rc.vars.OS_PASSWORD, 'pa$$ "word"');
  assert.deepEqual(validateCloud(cloudFromEnvVars(rc.vars, { homeDir: '/h', source: 'extension' })), []);
});

test('Horizon application credential openrc', () => {
  const rc = parseOpenrc(HORIZON_APP_CRED);
  assert.equal(rc.needsPassword, false);
  const c = cloudFromEnvVars(rc.vars, { homeDir: '/h', source: 'extension' });
  assert.equal(c.authType, 'v3applicationcredential');
  assert.equal(c.auth.applicationCredentialId, '21dced0fd20347869b93710d2b98aae0');
  assert.equal(c.auth.applicationCredentialSecret, 'very-secret');
  assert.deepEqual(validateCloud(c), []);
});

test('an empty region guarded by Horizon\'s if-unset line leaves the cloud without a region', () => {
  const rc = parseOpenrc(HORIZON_V3.replace('OS_REGION_NAME="RegionOne"', 'OS_REGION_NAME=""'));
  assert.equal(rc.vars.OS_REGION_NAME, '');
  assert.equal(cloudFromEnvVars(rc.vars, { homeDir: '/h' }).regionName, undefined);
});

test('command substitutions and outside variables are never run, only reported', () => {
  const rc = parseOpenrc(
    ['export OS_PASSWORD=$(pass show cloud)', 'export OS_CACERT="$HOME/ca.pem"', 'export OS_TOKEN=`cat /tmp/t`', 'source ./more.sh', 'export OS_USERNAME=ann'].join('\n'),
  );
  assert.deepEqual(rc.vars, { OS_USERNAME: 'ann' });
  assert.equal(rc.needsPassword, true);
  assert.deepEqual(rc.unresolved, ['OS_CACERT', 'OS_TOKEN']);
});

test('quotes, escapes, comments and several assignments per export', () => {
  const rc = parseOpenrc(
    [
      `export OS_A='$NOT_EXPANDED' OS_B="x\\"y" OS_C=plain # a comment`,
      'OS_D=${OS_C}-suffix',
      'export OS_E="$OS_D and \\$literal"',
    ].join('\n'),
  );
  assert.deepEqual(rc.vars, { OS_A: '$NOT_EXPANDED', OS_B: 'x"y', OS_C: 'plain', OS_D: 'plain-suffix', OS_E: 'plain-suffix and $literal' });
});

test('multi-line if blocks are skipped; unset removes what the file set before', () => {
  const rc = parseOpenrc(
    ['export OS_A=1', 'if [ -n "$X" ]; then', '  export OS_B=2', 'fi', 'export OS_C=3', 'unset OS_A'].join('\n'),
  );
  assert.deepEqual(rc.vars, { OS_C: '3' });
});

test('read -p with a prompt argument, and a later literal password overriding the prompt', () => {
  const prompted = parseOpenrc('read -s -p "Password: " PW\nexport OS_PASSWORD="$PW"');
  assert.equal(prompted.needsPassword, true);
  const overridden = parseOpenrc('read -sr PW\nexport OS_PASSWORD=$PW\nexport OS_PASSWORD=fixed');
  assert.deepEqual([overridden.needsPassword, overridden.vars.OS_PASSWORD], [false, 'fixed']);
});

test('Windows line endings are read like Unix ones', () => {
  assert.deepEqual(parseOpenrc('export OS_A=1\r\nexport OS_B="2"\r\n').vars, { OS_A: '1', OS_B: '2' });
});
