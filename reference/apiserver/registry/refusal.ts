/** For the registry's tests: the Status a request is refused with; fails the test if it was accepted. */
import assert from 'node:assert/strict';
import { isStatusError, type StatusError } from '../../../spec/objects/status.ts';

export async function refusal(request: Promise<unknown>): Promise<StatusError> {
  try {
    await request;
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  assert.fail('the request was accepted');
}
