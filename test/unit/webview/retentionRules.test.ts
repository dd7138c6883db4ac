// Retention rules shared by the form and the host.
import * as assert from 'node:assert/strict';
import { RETENTION_UNITS } from '../../../src/api/types';
import { describePeriod, parseRetentionInput, periodMs, retentionProblem, RETENTION_UNIT_OPTIONS } from '../../../src/shared/retentionRules';

describe('retention rules', () => {
  it('accepts positive whole periods up to 1 year in any unit', () => {
    for (const p of [
      { number: 1, units: 'YEARS' },
      { number: 12, units: 'MONTHS' },
      { number: 52, units: 'WEEKS' },
      { number: 365, units: 'DAYS' },
      { number: 730, units: 'HALF_DAYS' },
      { number: 8760, units: 'HOURS' },
      { number: 1, units: 'MINUTES' },
      { number: 2 ** 31 - 1, units: 'NANOS' },
    ] as const) {
      assert.equal(retentionProblem(p), undefined, JSON.stringify(p));
    }
  });

  it('refuses periods beyond 1 year, non-positive or fractional numbers, and unknown units', () => {
    assert.match(retentionProblem({ number: 2, units: 'YEARS' }) ?? '', /longer than the maximum/);
    assert.match(retentionProblem({ number: 13, units: 'MONTHS' }) ?? '', /13 months is longer/);
    assert.match(retentionProblem({ number: 53, units: 'WEEKS' }) ?? '', /longer/);
    assert.match(retentionProblem({ number: 366, units: 'DAYS' }) ?? '', /longer/);
    assert.match(retentionProblem({ number: 1, units: 'DECADES' }) ?? '', /longer/);
    assert.match(retentionProblem({ number: 1, units: 'FOREVER' }) ?? '', /Forever is longer/);
    for (const number of [0, -1, 1.5, Number.NaN]) assert.match(retentionProblem({ number, units: 'DAYS' }) ?? '', /positive whole/);
    assert.ok(retentionProblem({ number: 1, units: 'FORTNIGHTS' as 'DAYS' }));
  });

  it('parses the form text strictly', () => {
    assert.deepEqual(parseRetentionInput(' 30 ', 'DAYS'), { ok: true, period: { number: 30, units: 'DAYS' } });
    for (const text of ['', '  ', '1e2', '-3', '+3', '3.0', '0x10', '３０', '30 days', '12345678901']) {
      const parsed = parseRetentionInput(text, 'DAYS');
      assert.equal(parsed.ok, false, text);
      assert.equal(!parsed.ok && parsed.field, 'number');
    }
    assert.deepEqual(parseRetentionInput('0', 'DAYS'), { ok: false, field: 'number', message: 'Enter a positive whole number.' });
    const unit = parseRetentionInput('3', 'days');
    assert.equal(!unit.ok && unit.field, 'units');
  });

  it('orders periods by length and describes them', () => {
    assert.ok(periodMs({ number: 30, units: 'DAYS' }) < periodMs({ number: 1, units: 'MONTHS' }));
    assert.ok(periodMs({ number: 1, units: 'YEARS' }) === periodMs({ number: 12, units: 'MONTHS' }));
    assert.equal(periodMs({ number: 1, units: 'FOREVER' }), Number.POSITIVE_INFINITY);
    assert.equal(describePeriod({ number: 1, units: 'YEARS' }), '1 year');
    assert.equal(describePeriod({ number: 3, units: 'HALF_DAYS' }), '3 half-days');
    assert.equal(describePeriod({ number: 1, units: 'FOREVER' }), 'forever');
  });

  it('offers every unit of the spec in the form', () => {
    assert.deepEqual(RETENTION_UNIT_OPTIONS.map((o) => o.value), [...RETENTION_UNITS]);
  });
});
