/** The real api-server's token file: who it knows, and when a scenario's users need a new one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTokenFile } from '../../../reference/apiserver/authentication/authentication.ts';
import { TokenBook } from './token-book.ts';

describe('the token book of the real api-server', () => {
  it('names the admin in system:masters and the two components by their Kubernetes users', () => {
    const book = TokenBook.create();
    const users = parseTokenFile(book.tokenFile());
    assert.deepEqual(users.get(book.admin.token), { name: 'kubernetes-admin', uid: 'kubernetes-admin', groups: ['system:masters'] });
    assert.equal(users.get(book.controllerManager.token)?.name, 'system:kube-controller-manager');
    assert.equal(users.get(book.scheduler.token)?.name, 'system:kube-scheduler');
  });

  it('makes fresh secrets for every control plane', () => {
    assert.notEqual(TokenBook.create().admin.token, TokenBook.create().admin.token);
  });

  it('covers users it has, and not a user with a token it lacks or a token held by someone else', () => {
    const book = TokenBook.create().including([{ name: 'alice', token: 'alice-token' }]);
    assert.equal(book.covers([]), true);
    assert.equal(book.covers([{ name: 'alice', token: 'alice-token' }]), true);
    assert.equal(book.covers([{ name: 'bob', token: 'bob-token' }]), false);
    assert.equal(book.covers([{ name: 'bob', token: 'alice-token' }]), false);
    assert.equal(book.covers([{ name: 'alice', token: 'alice-token', groups: ['devs'] }]), false);
  });

  it('grows: earlier users stay, a reused token goes to its latest owner, the components keep their secrets', () => {
    const first = TokenBook.create().including([{ name: 'alice', token: 'alice-token' }]);
    const second = first.including([{ name: 'bob', token: 'bob-token', groups: ['devs'] }, { name: 'carol', token: 'alice-token' }]);
    const users = parseTokenFile(second.tokenFile());
    assert.deepEqual(users.get('bob-token'), { name: 'bob', uid: 'bob', groups: ['devs'] });
    assert.equal(users.get('alice-token')?.name, 'carol');
    assert.equal(second.admin.token, first.admin.token);
    assert.equal(second.tokenOf('carol'), 'alice-token');
    assert.equal(second.tokenOf('alice'), undefined);
  });

  it('signs a user in by the token declared last for that name', () => {
    const book = TokenBook.create().including([{ name: 'alice', token: 'old' }]).including([{ name: 'alice', token: 'new' }]);
    assert.equal(book.tokenOf('alice'), 'new');
  });
});
