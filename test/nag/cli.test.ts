import * as path from 'path';
import { main } from '../../lib/nag/cli/main';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

function run(...args: string[]) {
  const lines: string[] = [];
  const code = main(args, line => lines.push(line));
  return { code, output: lines.join('\n') };
}

/**
 * `level rule id @ resource` of every finding in the output. The fixtures hold known problems:
 * every line below is one of them (MSK: a DUAL_STACK value, an IPv4-only VPC, an old Kafka on
 * kafka.t3.small, 0.0.0.0/0 on the IAM port; EKS: no vpc-cni add-on, no CNI permissions, Windows,
 * t2, no auto-assign, no ::/0 route, DNS64 without NAT64).
 */
function findings(output: string): string[] {
  return [...output.matchAll(/^(ERROR|WARNING) (\S+)\n {2}resource: (\S+) /gm)].map(m => `${m[1]} ${m[2]} @ ${m[3]}`).sort();
}

describe('cdk-ipv6-ready check', () => {
  test('a JSON MSK template with known problems', () => {
    const { code, output } = run('check', fixture('msk-problems.json'));
    expect(findings(output)).toEqual(EXPECTED_MSK);
    expect(output).toMatch(/in 1 template\.$/);
    expect(code).toBe(1);
  });

  test('a YAML EKS template with known problems', () => {
    const { code, output } = run('check', fixture('eks-problems.yaml'));
    expect(findings(output)).toEqual(EXPECTED_EKS);
    expect(code).toBe(1);
  });

  test('several templates at once', () => {
    const { code, output } = run('check', fixture('msk-problems.json'), fixture('eks-problems.yaml'));
    expect(findings(output)).toEqual([...EXPECTED_MSK, ...EXPECTED_EKS].sort());
    expect(output).toMatch(/in 2 templates\.$/);
    expect(code).toBe(1);
  });

  test('a clean template exits 0', () => {
    const { code, output } = run('check', fixture('clean.json'));
    expect(findings(output)).toEqual([]);
    expect(output).toEqual('0 errors, 0 warnings in 1 template.');
    expect(code).toBe(0);
  });

  test('usage errors exit 2', () => {
    expect(run().code).toBe(2);
    expect(run('check').code).toBe(2);
    expect(run('lint', fixture('clean.json')).code).toBe(2);
    const missing = run('check', fixture('nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.output).toMatch(/no such file: .*nope\.json/);
    expect(run('--help')).toEqual({ code: 0, output: expect.stringMatching(/^Usage: cdk-ipv6-ready check/) });
  });
});

const EXPECTED_MSK = [
  'ERROR Ipv6Ready-MSK-IPV6-1 @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-2[Subnet::SubnetA] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-2[Subnet::SubnetB] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-3[Port::20098] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-4 @ MarketingName',
  'ERROR Ipv6Ready-MSK-IPV6-5[Port::9098] @ MarketingName',
  'ERROR Ipv6Ready-MSK-IPV6-5[Port::9098] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-6 @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-7 @ OldAndSmall',
];

const EXPECTED_EKS = [
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:AssignIpv6Addresses] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:CreateTags] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeInstanceTypes] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeInstances] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeNetworkInterfaces] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeTags] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-2 @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-3[AmiType::WINDOWS_CORE_2022_x86_64] @ Nodes',
  'ERROR Ipv6Ready-EKS-IPV6-4 @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-6[Subnet::NodeSubnet] @ Nodes',
  'ERROR Ipv6Ready-EKS-IPV6-7[Subnet::NodeSubnet] @ Nodes',
  'ERROR Ipv6Ready-EKS-IPV6-9[InstanceType::t2.large] @ Nodes',
  'ERROR Ipv6Ready-VPC-IPV6-1 @ NodeSubnet',
];
