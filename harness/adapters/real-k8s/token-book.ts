/**
 * Who the real api-server knows, as lines of its static token file
 * (--token-auth-file, read once at start): the admin (system:masters), the
 * controller manager and the scheduler, and the users scenarios declared.
 *
 * The file cannot change while the api-server runs, so the book only
 * grows: a scenario whose users are already in it reuses the running
 * control plane, and one that declares a new user (or a known token for
 * someone else) needs a restart with the larger book.
 */
import { randomBytes } from 'node:crypto';
import type { UserAccount } from '../../../spec/settings.ts';
import type { UserInfo } from '../../../reference/apiserver/authentication/authentication.ts';
import { ADMIN, CONTROLLER_MANAGER, SCHEDULER_USER } from '../../../reference/cluster.ts';

export interface TokenEntry {
  token: string;
  user: UserInfo;
}

/** kube-apiserver's --token-auth-file lines: `token,user,uid,"group1,group2"` (apiserver/plugin/pkg/authenticator/token/tokenfile). */
function tokenFileLines(entries: readonly TokenEntry[]): string {
  return entries.map(({ token, user }) => `${token},${user.name},${user.uid ?? user.name},"${user.groups.join(',')}"\n`).join('');
}

const secret = () => randomBytes(24).toString('base64url');
const sameGroups = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((g, i) => g === b[i]);

export class TokenBook {
  private constructor(
    readonly admin: TokenEntry,
    readonly controllerManager: TokenEntry,
    readonly scheduler: TokenEntry,
    /** Scenario users by token. */
    private readonly users: ReadonlyMap<string, UserInfo>,
  ) {}

  /** Fresh random secrets for the components; no scenario users yet. */
  static create(): TokenBook {
    return new TokenBook({ token: secret(), user: ADMIN }, { token: secret(), user: CONTROLLER_MANAGER }, { token: secret(), user: SCHEDULER_USER }, new Map());
  }

  /** True when every account is in the book with the same name and groups. */
  covers(accounts: readonly UserAccount[]): boolean {
    return accounts.every((a) => {
      const known = this.users.get(a.token);
      return known !== undefined && known.name === a.name && sameGroups(known.groups, a.groups ?? []);
    });
  }

  /** This book plus the accounts; an account's token replaces whoever held it before. */
  including(accounts: readonly UserAccount[]): TokenBook {
    const users = new Map(this.users);
    for (const a of accounts) {
      users.delete(a.token); // re-inserted last: the latest declaration wins in tokenOf
      users.set(a.token, { name: a.name, groups: [...(a.groups ?? [])] });
    }
    return new TokenBook(this.admin, this.controllerManager, this.scheduler, users);
  }

  /** The token of a scenario user known by name (the latest declared), so that naming a user signs in as that user. */
  tokenOf(name: string): string | undefined {
    return [...this.users].filter(([, user]) => user.name === name).pop()?.[0];
  }

  tokenFile(): string {
    const scenarioUsers = [...this.users].map(([token, user]) => ({ token, user }));
    return tokenFileLines([this.admin, this.controllerManager, this.scheduler, ...scenarioUsers]);
  }
}
