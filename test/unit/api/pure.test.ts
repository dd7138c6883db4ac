// Pure helpers: redaction, error bodies, Retry-After, since windows, URLs, NO_PROXY, backoff.
import * as assert from 'node:assert/strict';
import { errorMessageFromBody, normalizeSiteUrl, parseRetryAfter, redact, registerSecret, sinceStart, AuditError } from '../../../src/api';
import { bypassesProxy, parseNoProxy } from '../../../src/api/noProxy';
import { backoffDelay, resolveRetry } from '../../../src/api/retry';
import { RETRY_AFTER_CEILING_MS } from '../../../src/api/retryAfter';
import { minusMonthsUtc } from '../../../src/api/since';
import { trackSecret } from './helpers/logCollector';

describe('api/redact', () => {
  it('masks Authorization values, Basic/Bearer credentials, cookies, token query parameters and userinfo', () => {
    const text = [
      'Authorization: Basic dXNlcjpzZWNyZXRzZWNyZXQ=',
      'proxy-authorization: Bearer abcdefghijkl',
      'sent Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
      'Cookie: JSESSIONID=abc123; seraph=xyz',
      'Set-Cookie: cloud.session.token=zzz',
      'GET https://h/x?token=s3cr3tvalue&limit=5&access_token=qq111',
      'proxy http://bob:hunter22@proxy:8080',
    ].join('\n');
    const out = redact(text);
    for (const secret of ['dXNlcjpzZWNyZXRzZWNyZXQ=', 'abcdefghijkl', 'eyJhbGciOiJIUzI1NiJ9', 'JSESSIONID=abc123', 'seraph=xyz', 'cloud.session.token', 's3cr3tvalue', 'qq111', 'hunter22']) {
      assert.ok(!out.includes(secret), `${secret} leaked in:\n${out}`);
    }
    assert.match(out, /limit=5/);
  });

  it('masks registered secrets anywhere, longest first, and their URL-encoded form', () => {
    const secret = 'ATATT-registered/secret+value';
    trackSecret(secret);
    registerSecret(secret);
    registerSecret('ATATT-registered');
    const out = redact(`a ${secret} b ${encodeURIComponent(secret)} c`);
    assert.equal(out, 'a [redacted] b [redacted] c');
  });

  it('ignores too-short secrets so ordinary words survive', () => {
    registerSecret('abc');
    assert.equal(redact('abc def'), 'abc def');
  });
});

describe('api/errorMessageFromBody', () => {
  it('reads message first', () => {
    assert.equal(errorMessageFromBody('{"statusCode":403,"message":"Not permitted","data":{"errors":[{"message":{"translation":"x"}}]}}', 'application/json'), 'Not permitted');
  });
  it('then data.errors[].message.translation', () => {
    assert.equal(errorMessageFromBody('{"statusCode":400,"data":{"errors":[{"message":{"translation":"First"}},{"message":{"key":"k.second"}}]}}'), 'First; k.second');
  });
  it('reads the gateway shape {code, message} and Data Center errorMessages', () => {
    assert.equal(errorMessageFromBody('{"code":401,"message":"Unauthorized; scope does not match"}', 'application/json;charset=UTF-8'), 'Unauthorized; scope does not match');
    assert.equal(errorMessageFromBody('{"errorMessages":["A","B"]}'), 'A; B');
  });
  it('returns undefined for HTML, empty and unreadable bodies', () => {
    assert.equal(errorMessageFromBody('<html><body>Oops</body></html>', 'text/html'), undefined);
    assert.equal(errorMessageFromBody(''), undefined);
    assert.equal(errorMessageFromBody('{not json', 'application/json'), undefined);
    assert.equal(errorMessageFromBody('{"statusCode":500}'), undefined);
  });
  it('redacts and shortens what it returns', () => {
    const m = errorMessageFromBody(JSON.stringify({ message: `Bad header Authorization: Bearer abcdefghijklmnop ${'x'.repeat(900)}` }));
    assert.ok(m !== undefined && !m.includes('abcdefghijklmnop') && m.length <= 500);
  });
});

describe('api/parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter(['0'], now), 0);
  });
  it('reads an HTTP-date relative to now, never negative', () => {
    assert.equal(parseRetryAfter(new Date(now + 30_000).toUTCString(), now), 30_000);
    assert.equal(parseRetryAfter(new Date(now - 30_000).toUTCString(), now), 0);
  });
  it('clamps giant values instead of overflowing', () => {
    assert.equal(parseRetryAfter('9223372036854775807', now), RETRY_AFTER_CEILING_MS);
    assert.equal(parseRetryAfter('99999999999999999999999999999999999999', now), RETRY_AFTER_CEILING_MS);
  });
  it('ignores absent or unreadable values', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5', now), undefined);
    assert.equal(parseRetryAfter('1.5', now), undefined);
  });
});

describe('api/backoff', () => {
  it('is full jitter over an exponentially growing cap, bounded by maxDelayMs', () => {
    const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n, () => 0.5)), [50, 100, 200, 400, 500, 500]);
    assert.equal(backoffDelay(policy, 3, () => 0), 0);
    assert.ok(backoffDelay(policy, 40, () => 0.999999) < 1000);
  });
});

describe('api/sinceStart', () => {
  const now = Date.UTC(2024, 2, 31, 10, 30, 15, 123); // 31 March 2024 (leap year)
  it('uses fixed lengths for days and shorter units', () => {
    assert.equal(sinceStart(2, 'DAYS', now), now - 2 * 86_400_000);
    assert.equal(sinceStart(3, 'HALF_DAYS', now), now - 3 * 43_200_000);
    assert.equal(sinceStart(1, 'WEEKS', now), now - 604_800_000);
    assert.equal(sinceStart(5, 'MILLIS', now), now - 5);
  });
  it('rounds sub-millisecond units so the window never shrinks', () => {
    assert.equal(sinceStart(1, 'NANOS', now), now - 1);
    assert.equal(sinceStart(1_000_000, 'NANOS', now), now - 1);
    assert.equal(sinceStart(1_000_001, 'NANOS', now), now - 2);
    assert.equal(sinceStart(1500, 'MICROS', now), now - 2);
    assert.equal(sinceStart(0, 'MICROS', now), now);
  });
  it('does calendar arithmetic in UTC for months and longer, clamping the day', () => {
    assert.equal(sinceStart(1, 'MONTHS', now), Date.UTC(2024, 1, 29, 10, 30, 15, 123));
    assert.equal(sinceStart(13, 'MONTHS', now), Date.UTC(2023, 1, 28, 10, 30, 15, 123));
    assert.equal(sinceStart(1, 'YEARS', Date.UTC(2024, 1, 29)), Date.UTC(2023, 1, 28));
    assert.equal(sinceStart(1, 'DECADES', now), Date.UTC(2014, 2, 31, 10, 30, 15, 123));
    assert.equal(minusMonthsUtc(Date.UTC(2024, 0, 15), 1), Date.UTC(2023, 11, 15));
  });
  it('never goes before the epoch, and rejects impossible periods', () => {
    assert.equal(sinceStart(5, 'CENTURIES', now), 0);
    assert.equal(sinceStart(Number.MAX_SAFE_INTEGER, 'DAYS', now), 0);
    assert.throws(() => sinceStart(-1, 'DAYS', now), (e: unknown) => e instanceof AuditError && e.kind === 'badRequest');
    assert.throws(() => sinceStart(1.5, 'DAYS', now), AuditError);
  });
});

describe('api/normalizeSiteUrl', () => {
  const invalid = (input: string): void => {
    assert.throws(() => normalizeSiteUrl(input), (e: unknown) => e instanceof AuditError && e.kind === 'invalidUrl', input);
  };
  it('trims, adds https:, drops trailing slashes, query and fragment', () => {
    assert.equal(normalizeSiteUrl('  https://confluence.corp/confluence/ '), 'https://confluence.corp/confluence');
    assert.equal(normalizeSiteUrl('confluence.corp:8443/c/?x=1#y'), 'https://confluence.corp:8443/c');
    assert.equal(normalizeSiteUrl('HTTPS://Confluence.Corp:443'), 'https://confluence.corp');
  });
  it('reduces Cloud sites to their root (a pasted /wiki or page URL)', () => {
    assert.equal(normalizeSiteUrl('https://acme.atlassian.net/wiki/'), 'https://acme.atlassian.net');
    assert.equal(normalizeSiteUrl('acme.atlassian.net/wiki/spaces/X/overview'), 'https://acme.atlassian.net');
    assert.equal(normalizeSiteUrl('https://wiki.acme.com/wiki', 'cloud'), 'https://wiki.acme.com');
    assert.equal(normalizeSiteUrl('https://wiki.acme.com/wiki', 'datacenter'), 'https://wiki.acme.com/wiki');
  });
  it('allows http: only for loopback', () => {
    assert.equal(normalizeSiteUrl('http://127.0.0.1:8090/'), 'http://127.0.0.1:8090');
    assert.equal(normalizeSiteUrl('http://localhost:8090'), 'http://localhost:8090');
    assert.equal(normalizeSiteUrl('http://[::1]:8090'), 'http://[::1]:8090');
    invalid('http://confluence.corp');
  });
  it('refuses empty input, other schemes, credentials in the URL and garbage', () => {
    invalid('');
    invalid('ftp://confluence.corp');
    invalid('https://user:pw@confluence.corp');
    invalid('https://exa mple.com');
  });
});

describe('api/noProxy', () => {
  const u = (s: string): URL => new URL(s);
  it('matches hosts, subdomains, .suffix, *.suffix, host:port and *', () => {
    const rule = parseNoProxy(['internal.corp, .example.org', '*.test.dev 127.0.0.1:8443,[::1]']);
    assert.ok(bypassesProxy(rule, u('https://internal.corp/x')));
    assert.ok(bypassesProxy(rule, u('https://wiki.internal.corp/x')));
    assert.ok(!bypassesProxy(rule, u('https://notinternal.corp/x')));
    assert.ok(bypassesProxy(rule, u('https://a.example.org')));
    assert.ok(bypassesProxy(rule, u('https://example.org')));
    assert.ok(bypassesProxy(rule, u('https://x.test.dev')));
    assert.ok(bypassesProxy(rule, u('https://127.0.0.1:8443')));
    assert.ok(!bypassesProxy(rule, u('https://127.0.0.1:8444')));
    assert.ok(bypassesProxy(rule, u('http://[::1]:80')));
    assert.ok(!bypassesProxy(rule, u('https://acme.atlassian.net')));
    assert.ok(bypassesProxy(parseNoProxy(['foo', '*']), u('https://anything.example')));
    assert.ok(!bypassesProxy(parseNoProxy(['', ' ']), u('https://anything.example')));
  });
});
