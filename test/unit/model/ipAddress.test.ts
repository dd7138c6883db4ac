import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cidrContains, parseCidr, parseIpAddress, parseIpv4, parseIpv6, type CidrRange } from '../../../src/model/ipAddress';

function range(text: string): CidrRange {
  const parsed = parseCidr(text);
  if ('error' in parsed) assert.fail(parsed.error);
  return parsed;
}

function v4Text(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

describe('model/ipAddress', () => {
  it('parses IPv4 strictly', () => {
    assert.equal(parseIpv4('10.1.2.3'), 0x0a010203n);
    assert.equal(parseIpv4('255.255.255.255'), 0xffffffffn);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.4 ', 'a.b.c.d', '']) assert.equal(parseIpv4(bad), undefined, bad);
  });

  it('parses IPv6 with compression and an IPv4 tail', () => {
    assert.equal(parseIpv6('::'), 0n);
    assert.equal(parseIpv6('::1'), 1n);
    assert.equal(parseIpv6('2001:db8::1'), (0x20010db8n << 96n) | 1n);
    assert.equal(parseIpv6('2001:0DB8:0000:0000:0000:0000:0000:0001'), parseIpv6('2001:db8::1'));
    assert.equal(parseIpv6('::ffff:10.1.2.3'), (0xffffn << 32n) | 0x0a010203n);
    assert.equal(parseIpv6('1:2:3:4:5:6:7:8'), 0x00010002000300040005000600070008n);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', ':1:2:3:4:5:6:7', '12345::', 'g::1', '1:2:3:4:5:6:7::8', '1.2.3.4::']) {
      assert.equal(parseIpv6(bad), undefined, bad);
    }
  });

  it('reads addresses as records carry them', () => {
    assert.deepEqual(parseIpAddress(' 10.1.2.3 '), { version: 4, value: 0x0a010203n });
    assert.deepEqual(parseIpAddress('10.1.2.3:8080'), { version: 4, value: 0x0a010203n });
    assert.deepEqual(parseIpAddress('[2001:db8::1]:443'), { version: 6, value: (0x20010db8n << 96n) | 1n });
    assert.deepEqual(parseIpAddress('fe80::1%eth0'), { version: 6, value: (0xfe80n << 112n) | 1n });
    assert.deepEqual(parseIpAddress('::ffff:10.1.2.3'), { version: 4, value: 0x0a010203n }, 'IPv4-mapped becomes IPv4');
    assert.equal(parseIpAddress('confluence.example.com'), undefined);
  });

  it('parses CIDR ranges and explains bad ones', () => {
    assert.deepEqual(range('10.0.0.0/8'), { version: 4, network: 0x0a000000n, prefix: 8 });
    assert.deepEqual(range('10.1.2.3/8'), { version: 4, network: 0x0a000000n, prefix: 8 }, 'host bits are cleared');
    assert.deepEqual(range('2001:db8::/32'), { version: 6, network: 0x20010db8n << 96n, prefix: 32 });
    assert.match((parseCidr('10.0.0.0/33') as { error: string }).error, /IPv4 range must be a whole number from 0 to 32/);
    assert.match((parseCidr('2001:db8::/129') as { error: string }).error, /from 0 to 128/);
    assert.match((parseCidr('10.0.0.0/') as { error: string }).error, /from 0 to 32/);
    assert.match((parseCidr('10.0.0/8') as { error: string }).error, /not an IPv4 or IPv6 address/);
    assert.match((parseCidr('10.0.0.1') as { error: string }).error, /needs a prefix length/);
  });

  it('tests membership by prefix', () => {
    const ten = range('10.0.0.0/8');
    assert.ok(cidrContains(ten, { version: 4, value: 0x0affffffn }));
    assert.ok(!cidrContains(ten, { version: 4, value: 0x0b000000n }));
    assert.ok(!cidrContains(ten, { version: 6, value: 0x0a000001n }), 'versions never mix');
    assert.ok(cidrContains(range('0.0.0.0/0'), { version: 4, value: 0xdeadbeefn }));
    const doc = range('2001:db8::/32');
    assert.ok(cidrContains(doc, parseIpAddress('2001:db8:ffff::1') ?? assert.fail()));
    assert.ok(!cidrContains(doc, parseIpAddress('2001:db9::1') ?? assert.fail()));
  });

  it('contains exactly the addresses sharing the prefix bits (IPv4 property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (net, addr, prefix) => {
        const shift = 32 - prefix;
        const samePrefix = prefix === 0 || net >>> shift === addr >>> shift;
        const cidr = range(`${v4Text(net)}/${prefix}`);
        return cidrContains(cidr, { version: 4, value: BigInt(addr) }) === samePrefix && cidrContains(cidr, { version: 4, value: BigInt(net) });
      }),
      { numRuns: 1000 },
    );
  });
});
