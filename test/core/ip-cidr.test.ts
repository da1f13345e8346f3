import { parseIpv4Cidr, parseIpv6Cidr } from '../../lib/core/ip-cidr';
test('cidr', () => {
  expect(parseIpv4Cidr('10.0.0.1/16')).toMatchObject({ hostBitsSet: true, network: '10.0.0.0/16' });
  expect(parseIpv4Cidr('10.1.0.0/16')).toMatchObject({ hostBitsSet: false, network: '10.1.0.0/16' });
  expect(parseIpv6Cidr('0::0/0')).toMatchObject({ prefixLength: 0, network: '::/0' });
  expect(parseIpv6Cidr('2001:db8:1200::/56')).toMatchObject({ hostBitsSet: false, network: '2001:db8:1200::/56' });
  expect(parseIpv6Cidr('10.0.0.0/16')).toBeUndefined();
  expect(parseIpv6Cidr('1:2:3:4:5:6:7:8/128')).toMatchObject({ network: '1:2:3:4:5:6:7:8/128' });
  expect(parseIpv6Cidr('1::2::3/64')).toBeUndefined();
});
