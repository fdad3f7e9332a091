// Add cloud's sign-in against the dev cloud: Keystone's reason for a refused password, the projects of an
// accepted one, and an application credential's own project.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { trialSignIn } from '../../src/features/clouds/model/trialSignIn';
import { loginVars } from '../../src/features/clouds/model/cloudInputs';
import { ensureDevcloud } from '../support/devcloud';
import { connect, rejection, runTag } from './helpers';

const AUTH_URL = 'http://127.0.0.1:5000/v3';
const demoLogin = (password: string) => loginVars({ kind: 'password', authUrl: AUTH_URL, userDomain: 'Default', username: 'demo', password });

before(ensureDevcloud);

describe('trial sign-in', () => {
  const demo = connect('devcloud');
  let credentialId = '';

  after(async () => {
    if (credentialId) {
      await demo.client.session.request('identity', `/users/${demo.client.session.userId}/application_credentials/${credentialId}`, { method: 'DELETE' });
    }
    await demo.close();
  });

  it('reports Keystone refusing a wrong password, with what to check', async () => {
    const error = await rejection(trialSignIn(demoLogin('not-the-password')));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.match(error.message, /^Keystone: .*Check the username, password and user domain\./);
    assert.doesNotMatch(error.message, /not-the-password/);
  });

  it('reports an unreachable Keystone', async () => {
    const error = await rejection(trialSignIn(loginVars({ kind: 'password', authUrl: 'http://127.0.0.1:9/v3', userDomain: 'Default', username: 'demo', password: 'x' })));
    assert.equal(error.kind, 'network');
  });

  it('lists the projects of an unscoped password sign-in', async () => {
    const exchanges: string[] = [];
    const { projects } = await trialSignIn(demoLogin('demo'), { onExchange: (e) => exchanges.push(`${e.method} ${new URL(e.url).pathname}`) });
    assert.ok(projects.some((p) => p.name === 'demo'), projects.map((p) => p.name).join(', '));   // other suites may add more
    assert.deepEqual(exchanges, ['POST /v3/auth/tokens', 'GET /v3/auth/projects']);
  });

  it("learns an application credential's project", async () => {
    await demo.client.session.token();
    const res = await demo.client.session.request('identity', `/users/${demo.client.session.userId}/application_credentials`, {
      method: 'POST', json: { application_credential: { name: `${runTag}-add-cloud` } },
    });
    const { application_credential: credential } = await res.json<{ application_credential: { id: string; secret: string } }>();
    credentialId = credential.id;
    const { projects, projectId } = await trialSignIn(loginVars({ kind: 'applicationCredential', authUrl: AUTH_URL, id: credential.id, secret: credential.secret }));
    assert.equal(projects.find((p) => p.id === projectId)?.name, 'demo');
  });
});
