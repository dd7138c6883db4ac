import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatIso, formatOffset, isUtcZone, isValidTimeZone, localZoneName, toWallMs, wallToInstant, zoneLabel, zoneOffsetMs,
} from '../../../src/model/timeZone';
import { wallFrom } from '../../../src/model/wallCalendar';
import { withProcessTz } from './processTz';

const HOUR = 3_600_000;
const ZONES = ['utc', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
const instant2000to2040 = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });

describe('model/timeZone', () => {
  describe('formatIso', () => {
    const t = Date.UTC(2026, 10, 25, 20, 27, 34, 123);

    it('writes UTC with Z and milliseconds', () => {
      assert.equal(formatIso(t, 'utc'), '2026-11-25T20:27:34.123Z');
      assert.equal(formatIso(Date.UTC(2026, 0, 1), 'utc'), '2026-01-01T00:00:00.000Z');
    });

    it('writes IANA zones with their offset, DST included', () => {
      assert.equal(formatIso(t, 'Europe/Berlin'), '2026-11-25T21:27:34.123+01:00');
      assert.equal(formatIso(Date.UTC(2026, 6, 1, 12), 'Europe/Berlin'), '2026-07-01T14:00:00.000+02:00');
      assert.equal(formatIso(t, 'America/New_York'), '2026-11-25T15:27:34.123-05:00');
      assert.equal(formatIso(Date.UTC(2026, 6, 1, 12), 'America/New_York'), '2026-07-01T08:00:00.000-04:00');
      assert.equal(formatIso(t, 'Asia/Kathmandu'), '2026-11-26T02:12:34.123+05:45');
    });

    it("follows the process's zone for 'local'", () => {
      withProcessTz('Europe/Berlin', () => assert.equal(formatIso(t, 'local'), '2026-11-25T21:27:34.123+01:00'));
      withProcessTz('America/New_York', () => assert.equal(formatIso(t, 'local'), '2026-11-25T15:27:34.123-05:00'));
      withProcessTz('UTC', () => assert.equal(formatIso(t, 'local'), '2026-11-25T20:27:34.123+00:00'));
    });

    it('says so for instants a Date cannot hold', () => {
      assert.equal(formatIso(Number.NaN, 'utc'), 'Invalid time');
      assert.equal(formatIso(Number.POSITIVE_INFINITY, 'Europe/Berlin'), 'Invalid time');
      assert.equal(formatIso(9e15, 'utc'), 'Invalid time');
    });

    it('matches Date#toISOString in UTC and parses back to the same instant in every zone', () => {
      fc.assert(
        fc.property(instant2000to2040, fc.constantFrom(...ZONES), (ms, zone) => {
          assert.equal(formatIso(ms, 'utc'), new Date(ms).toISOString());
          assert.equal(Date.parse(formatIso(ms, zone)), ms);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('zoneOffsetMs', () => {
    it('gives the offset at the instant', () => {
      assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Europe/Berlin'), HOUR);
      assert.equal(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Berlin'), 2 * HOUR);
      assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), 'America/New_York'), -5 * HOUR);
      assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Kathmandu'), 5.75 * HOUR);
      assert.ok(Object.is(zoneOffsetMs(Date.UTC(2026, 0, 1), 'utc'), 0));
      withProcessTz('UTC', () => assert.ok(Object.is(zoneOffsetMs(0, 'local'), 0), 'no negative zero'));
    });

    it('switches exactly at the DST change', () => {
      const change = Date.UTC(2026, 2, 29, 1); // 02:00 CET becomes 03:00 CEST
      assert.equal(zoneOffsetMs(change - 1, 'Europe/Berlin'), HOUR);
      assert.equal(zoneOffsetMs(change, 'Europe/Berlin'), 2 * HOUR);
    });

    it('agrees between local and the same IANA zone', () => {
      withProcessTz('America/New_York', () => {
        fc.assert(
          fc.property(instant2000to2040, (ms) => zoneOffsetMs(ms, 'local') === zoneOffsetMs(ms, 'America/New_York')),
          { numRuns: 300 },
        );
      });
    });

    it('is NaN for a non-instant and throws a clear error for an unknown zone', () => {
      assert.ok(Number.isNaN(zoneOffsetMs(Number.NaN, 'Europe/Berlin')));
      assert.throws(() => zoneOffsetMs(0, 'Mars/Olympus_Mons'), /Unknown time zone "Mars\/Olympus_Mons"/);
    });
  });

  describe('wallToInstant', () => {
    it('reads an ordinary wall time', () => {
      assert.equal(wallToInstant(wallFrom(2026, 11, 25, 14, 0), 'Europe/Berlin'), Date.UTC(2026, 10, 25, 13, 0));
      assert.equal(wallToInstant(wallFrom(2026, 11, 25, 14, 0), 'utc'), Date.UTC(2026, 10, 25, 14, 0));
    });

    it('moves a wall time skipped by spring-forward forward by the gap', () => {
      assert.equal(wallToInstant(wallFrom(2026, 3, 29, 2, 30), 'Europe/Berlin'), Date.UTC(2026, 2, 29, 1, 30)); // 03:30 CEST
      assert.equal(wallToInstant(wallFrom(2026, 3, 8, 2, 30), 'America/New_York'), Date.UTC(2026, 2, 8, 7, 30)); // 03:30 EDT
    });

    it('takes the earlier of a wall time repeated by fall-back', () => {
      assert.equal(wallToInstant(wallFrom(2026, 10, 25, 2, 30), 'Europe/Berlin'), Date.UTC(2026, 9, 25, 0, 30)); // CEST
      assert.equal(wallToInstant(wallFrom(2026, 11, 1, 1, 30), 'America/New_York'), Date.UTC(2026, 10, 1, 5, 30)); // EDT
    });

    it('round-trips wall times in every zone', () => {
      fc.assert(
        fc.property(instant2000to2040, fc.constantFrom(...ZONES), (ms, zone) => {
          const wall = toWallMs(ms, zone);
          const back = wallToInstant(wall, zone);
          assert.equal(toWallMs(back, zone), wall);
          assert.ok(back <= ms, 'a repeated wall time resolves to its first occurrence');
        }),
        { numRuns: 1000 },
      );
    });
  });

  it('formats offsets', () => {
    assert.equal(formatOffset(0), '+00:00');
    assert.equal(formatOffset(-3.5 * HOUR), '-03:30');
    assert.equal(formatOffset(5.75 * HOUR), '+05:45');
    assert.equal(formatOffset(53 * 60_000 + 28_000), '+00:53:28');
  });

  it('labels zones', () => {
    assert.equal(zoneLabel('utc'), 'UTC');
    assert.equal(zoneLabel('Europe/Berlin'), 'Europe/Berlin');
    withProcessTz('Asia/Tokyo', () => {
      assert.equal(zoneLabel('local'), 'Asia/Tokyo');
      assert.equal(localZoneName(), 'Asia/Tokyo');
    });
  });

  it('validates zone names', () => {
    for (const ok of ['local', 'utc', 'UTC', 'Etc/UTC', 'Europe/Berlin', 'America/New_York']) assert.ok(isValidTimeZone(ok), ok);
    for (const bad of ['', ' ', 'Mars/Olympus_Mons', ' Europe/Berlin', 'Europe/Berlin\n']) assert.ok(!isValidTimeZone(bad), JSON.stringify(bad));
    assert.ok(isUtcZone('utc') && isUtcZone('Etc/UTC') && !isUtcZone('Europe/London') && !isUtcZone('local'));
  });
});
