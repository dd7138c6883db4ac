// toAuditError: the one conversion from any failure to the error the tree and the commands show.
import * as assert from 'node:assert/strict';
import { AuditError, toAuditError } from '../../../src/api';

describe('api toAuditError', () => {
  it('passes an AuditError through as the same object', () => {
    const error = new AuditError('forbidden', 'No access.', { status: 403 });
    assert.equal(toAuditError(error), error);
  });

  it('turns any other failure into a network error that names it', () => {
    const fromError = toAuditError(new TypeError('x is undefined'));
    assert.ok(fromError instanceof AuditError);
    assert.equal(fromError.kind, 'network');
    assert.equal(fromError.message, 'Unexpected error: x is undefined');
    assert.equal(toAuditError('plain text').message, 'Unexpected error: plain text');
  });
});
