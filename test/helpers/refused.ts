import { expect } from 'chai';

/** Awaits `promise`, which the database must refuse with an error whose message matches `pattern`. */
export async function expectRejected(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  let error: unknown = null;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  expect(error, 'expected the database to refuse').to.be.instanceOf(Error);
  expect((error as Error).message).to.match(pattern);
}
