import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenRequestBody, withProject, type AuthSpec } from '../../../src/openstack/auth';
import { OpenStackError } from '../../../src/openstack/errors';

const URL = 'https://keystone.example.com:5000/v3';

function configError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof OpenStackError && err.kind === 'config' && pattern.test(err.message));
}

describe('tokenRequestBody', () => {
  it('builds password auth by user name, scoped to a project by name', () => {
    const spec: AuthSpec = {
      authType: 'password', auth_url: URL, username: 'demo', user_domain_name: 'Default', password: 's3cret',
      project_name: 'demo', project_domain_id: 'default',
    };
    assert.deepEqual(tokenRequestBody(spec), {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: 's3cret' } } },
        scope: { project: { name: 'demo', domain: { id: 'default' } } },
      },
    });
  });

  it('builds v3password auth by user id, scoped to a project id, and lets domain_* stand in for both domains', () => {
    assert.deepEqual(tokenRequestBody({ authType: 'v3password', auth_url: URL, user_id: 'u1', password: 'p', project_id: 'p1' }), {
      auth: { identity: { methods: ['password'], password: { user: { id: 'u1', password: 'p' } } }, scope: { project: { id: 'p1' } } },
    });
    const body = tokenRequestBody({ authType: 'password', auth_url: URL, username: 'u', password: 'p', project_name: 'x', domain_name: 'Eng' });
    assert.deepEqual(body.auth.scope, { project: { name: 'x', domain: { name: 'Eng' } } });
    assert.deepEqual((body.auth.identity.password as { user: unknown }).user, { name: 'u', domain: { name: 'Eng' }, password: 'p' });
  });

  it('scopes to a domain without a project, and asks for an unscoped token with neither', () => {
    const base: AuthSpec = { authType: 'password', auth_url: URL, user_id: 'u1', password: 'p' };
    assert.deepEqual(tokenRequestBody({ ...base, domain_id: 'default' }).auth.scope, { domain: { id: 'default' } });
    assert.deepEqual(tokenRequestBody({ ...base, domain_name: 'Default' }).auth.scope, { domain: { name: 'Default' } });
    assert.equal('scope' in tokenRequestBody(base).auth, false);
  });

  it('builds application credential auth by id, or by name with its user, and never sends a scope', () => {
    assert.deepEqual(tokenRequestBody({ authType: 'v3applicationcredential', auth_url: URL, application_credential_id: 'ac1', application_credential_secret: 's', project_name: 'ignored' }), {
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac1', secret: 's' } } },
    });
    const byName = tokenRequestBody({
      authType: 'v3applicationcredential', auth_url: URL, application_credential_name: 'ci', application_credential_secret: 's',
      username: 'demo', user_domain_id: 'default',
    });
    assert.deepEqual(byName.auth.identity.application_credential, { name: 'ci', secret: 's', user: { name: 'demo', domain: { id: 'default' } } });
  });

  it('builds token auth with the scope of the spec', () => {
    for (const authType of ['v3token', 'token']) {
      assert.deepEqual(tokenRequestBody({ authType, auth_url: URL, token: 'gAAAA', project_id: 'p2' }), {
        auth: { identity: { methods: ['token'], token: { id: 'gAAAA' } }, scope: { project: { id: 'p2' } } },
      });
    }
  });

  it('names the key that is missing', () => {
    configError(() => tokenRequestBody({ authType: 'password', auth_url: URL, username: 'demo' }), /needs password/);
    configError(() => tokenRequestBody({ authType: 'password', auth_url: URL, username: 'demo', password: 'p' }), /username needs user_domain_name or user_domain_id/);
    configError(() => tokenRequestBody({ authType: 'password', auth_url: URL, user_id: 'u', password: 'p', project_name: 'x' }), /project_name needs project_domain_name/);
    configError(() => tokenRequestBody({ authType: 'v3applicationcredential', auth_url: URL, application_credential_secret: 's' }), /application_credential_id/);
    configError(() => tokenRequestBody({ authType: 'v3applicationcredential', auth_url: URL, application_credential_name: 'n', application_credential_secret: 's' }), /needs user_id, or username/);
    configError(() => tokenRequestBody({ authType: 'v3token', auth_url: URL }), /needs token/);
  });

  it('rejects other auth types, naming the supported ones', () => {
    configError(() => tokenRequestBody({ authType: 'v3oidcpassword', auth_url: URL }),
      /auth_type 'v3oidcpassword' is not supported; use one of password, v3password, v3applicationcredential, v3token, token\./);
  });
});

describe('withProject', () => {
  it('replaces any project scope with the project id and keeps the credentials', () => {
    const spec: AuthSpec = {
      authType: 'password', auth_url: URL, username: 'demo', password: 'p', user_domain_name: 'Default',
      project_name: 'demo', project_domain_name: 'Default',
    };
    const scoped = withProject(spec, 'p9');
    assert.deepEqual(tokenRequestBody(scoped).auth.scope, { project: { id: 'p9' } });
    assert.equal(scoped.password, 'p');
    assert.equal(spec.project_name, 'demo');
  });
});
