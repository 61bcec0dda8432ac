/**
 * Authentication, the first stage of every request (A2 step 1): a bearer
 * token names a user, or the request is refused with 401 before anything
 * else happens.
 */
export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export type AuthnResult = { user: UserInfo } | { refused: 'invalid-token' | 'no-credentials' };

export interface Authenticator {
  /** May answer at once (a token file) or after a lookup (a service account that must still exist). */
  authenticate(bearerToken: string | undefined): AuthnResult | Promise<AuthnResult>;
}

/**
 * One line of Kubernetes' static token file (--token-auth-file):
 * `token,user,uid,"group1,group2"`. Lines starting with # are ignored.
 */
export function parseTokenFile(text: string): Map<string, UserInfo> {
  const users = new Map<string, UserInfo>();
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const fields = [...trimmed.matchAll(/"([^"]*)"|([^,]+)|(?<=,)(?=,|$)/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
    const [token, name, uid, groups] = fields;
    if (!token || !name) throw new Error(`token file line ${index + 1}: expected token,user,uid[,"groups"], got ${JSON.stringify(line)}`);
    users.set(token, { name, ...(uid ? { uid } : {}), groups: groups ? groups.split(',').map((g) => g.trim()).filter(Boolean) : [] });
  });
  return users;
}

/** Every authenticated user is in system:authenticated, as Kubernetes adds it. */
function withAuthenticatedGroup(user: UserInfo): UserInfo {
  return user.groups.includes('system:authenticated') ? user : { ...user, groups: [...user.groups, 'system:authenticated'] };
}

export class TokenAuthenticator implements Authenticator {
  constructor(
    private readonly tokens: Map<string, UserInfo>,
    /** --anonymous-auth: when false (the default here), a request with no token gets 401. */
    private readonly anonymousAuth = false,
  ) {}

  addToken(token: string, user: UserInfo): void {
    this.tokens.set(token, user);
  }

  authenticate(bearerToken: string | undefined): AuthnResult {
    if (bearerToken === undefined || bearerToken === '') {
      return this.anonymousAuth ? { user: ANONYMOUS } : { refused: 'no-credentials' };
    }
    const user = this.tokens.get(bearerToken);
    return user ? { user: withAuthenticatedGroup(user) } : { refused: 'invalid-token' };
  }
}
