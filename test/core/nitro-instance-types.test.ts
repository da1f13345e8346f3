import { isNitroInstanceType, XEN_INSTANCE_FAMILIES } from '../../lib/core/nitro-instance-types';

describe('isNitroInstanceType', () => {
  test.each([
    't2.micro', 't2.large', 'm4.large', 'c4.xlarge', 'r4.large', 'c3.large', 'm3.medium', 'm1.small', 't1.micro',
    'p2.xlarge', 'p3.2xlarge', 'g3.4xlarge', 'g3s.xlarge', 'i3.large', 'i2.xlarge', 'd2.xlarge', 'h1.2xlarge',
    'x1.16xlarge', 'x1e.xlarge', 'f1.2xlarge', 'r3.large', 'g2.2xlarge', 'M4.LARGE',
  ])('Xen: %s', type => {
    expect(isNitroInstanceType(type)).toBe(false);
  });

  test.each([
    'a1.medium', 't3.medium', 't3a.small', 't4g.nano', 'm5.large', 'c5n.large', 'r5b.large', 'i3en.large', 'i3.metal',
    'p3dn.24xlarge', 'g4dn.xlarge', 'inf1.xlarge', 'z1d.large', 'd3.xlarge', 'mac1.metal', 'u-6tb1.metal', 'x2gd.large',
    'm6i.large', 'c7g.large', 'm7i-flex.large', 'u7i-12tb.224xlarge', 'p6-b200.48xlarge',
    // Families newer than the list: Nitro by generation.
    'm8g.large', 'c8i.large', 'r9a.large', 'x8g.large',
  ])('Nitro: %s', type => {
    expect(isNitroInstanceType(type)).toBe(true);
  });

  test.each(['', 'large', 'm5', 'q2.large', 'not an instance type', '${Token[TOKEN.1]}',
    // Not a family of a known class, although the digit reads as a recent generation.
    'banana5.large', 'cc7.large', 'q9.large'])('unknown: %j', type => {
    expect(isNitroInstanceType(type)).toBeUndefined();
  });

  test('the list names the previous-generation Xen families, not their Nitro relatives', () => {
    expect(XEN_INSTANCE_FAMILIES).toEqual(expect.arrayContaining(['t2', 'm4', 'c4', 'r4', 'p3', 'i3', 'x1e']));
    expect(XEN_INSTANCE_FAMILIES).not.toContain('a1');
    expect(XEN_INSTANCE_FAMILIES).not.toContain('i3en');
    expect(XEN_INSTANCE_FAMILIES).not.toContain('p3dn');
    expect(XEN_INSTANCE_FAMILIES).not.toContain('mac1');
  });
});
