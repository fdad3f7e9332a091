// What a Keystone token response tells the client: the token itself, how long it lives, who and what it is
// scoped to, and the catalog.
import * as l10n from '@vscode/l10n';
import type { CatalogEntry } from './catalog';
import { OpenStackError } from './errors';
import type { HttpResponse } from './http';

export interface Named {
  id: string;
  name: string;
}

export interface TokenInfo {
  /** The secret: goes into X-Auth-Token and nowhere else. */
  readonly value: string;
  /** On this machine's clock. */
  readonly expiresAt: number;
  readonly user: Named;
  readonly project?: Named;
  readonly roles: string[];
  readonly catalog: CatalogEntry[];
}

interface TokenBody {
  token?: {
    expires_at?: string;
    issued_at?: string;
    user?: Named;
    project?: Named;
    roles?: { name: string }[];
    catalog?: CatalogEntry[];
  };
}

export async function readToken(res: HttpResponse, receivedAt: number): Promise<TokenInfo> {
  const value = res.headers['x-subject-token'];
  const token = (await res.json<TokenBody>())?.token;
  const expires = Date.parse(token?.expires_at ?? '');
  if (!value || !token?.user || Number.isNaN(expires)) {
    throw new OpenStackError({ kind: 'auth', text: l10n.t('Keystone answered without a token: is auth_url the identity endpoint?'), service: 'Keystone' });
  }
  // The lifetime Keystone granted, counted from now: a skewed local clock must not make a fresh token look expired.
  const issued = Date.parse(token.issued_at ?? '');
  const expiresAt = Number.isNaN(issued) ? expires : receivedAt + (expires - issued);
  return {
    value, expiresAt, user: token.user, project: token.project,
    roles: (token.roles ?? []).map((role) => role.name), catalog: token.catalog ?? [],
  };
}
