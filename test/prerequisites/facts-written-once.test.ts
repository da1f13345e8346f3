import * as fs from 'fs';
import * as path from 'path';

/**
 * Each documented fact (threshold, list) is written in its prerequisite module only: the rules,
 * the constructs and their messages import it. Comments may repeat it for the reader; code may not.
 */
const LIB = path.join(__dirname, '..', '..', 'lib');

interface Fact {
  readonly fact: string;
  readonly pattern: RegExp;
  readonly module: string;
  /** Other files whose code may contain the text, and why it is not the fact. */
  readonly alsoIn?: { [file: string]: string };
}

const FACTS: Fact[] = [
  {
    fact: 'MSK dual-stack needs Kafka 3.6.0',
    pattern: /\b3\.6\.0\b|\[3, 6, 0\]/,
    module: 'prerequisites/msk/msk-dual-stack-kafka-version.ts',
    alsoIn: { 'msk/kafka-version.ts': 'KafkaVersion.V3_6_0 is a version MSK offers, named as MSK names it' },
  },
  {
    fact: 'no dual-stack on kafka.t3.small',
    pattern: /kafka\.t3\.small/,
    module: 'prerequisites/msk/msk-dual-stack-broker-type.ts',
    alsoIn: { 'msk/broker-instance-type.ts': 'BrokerInstanceType.KAFKA_T3_SMALL is a broker type, named as MSK names it' },
  },
  { fact: 'NetworkType values', pattern: /'IPV4', 'DUAL'/, module: 'prerequisites/msk/msk-network-type-value.ts' },
  { fact: 'VPC CNI 1.10.1 for IPv6', pattern: /\b1\.10\.1\b|\[1, 10, 1\]/, module: 'prerequisites/eks/eks-addon-vpc-cni-version.ts' },
  { fact: 'Load Balancer Controller 2.3.1', pattern: /\b2\.3\.1\b|\[2, 3, 1\]/, module: 'prerequisites/eks/eks-addon-load-balancer-controller-version.ts' },
  { fact: 'VPC CNI 1.22 subnet discovery', pattern: /\b1\.22\b|\[1, 22, 0\]/, module: 'prerequisites/eks/eks-addon-vpc-cni-ipv6-permissions.ts' },
  { fact: 'the IPv6 CNI actions', pattern: /'ec2:AssignIpv6Addresses'|'ec2:DescribeSecurityGroups'/, module: 'prerequisites/eks/eks-addon-vpc-cni-ipv6-permissions.ts' },
  { fact: 'no Windows nodes', pattern: /'WINDOWS/i, module: 'prerequisites/eks/eks-node-no-windows-ami.ts' },
  { fact: 'no AL2 AMIs from Kubernetes 1.33', pattern: /\b1\.33\b|\[1, 33, 0\]|\/\^AL2_/, module: 'prerequisites/eks/eks-node-no-amazon-linux-2-on-new-kubernetes.ts' },
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

/** The code of a file without its comments (roughly: enough for literals). */
function code(file: string): string {
  return fs.readFileSync(file, 'utf-8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const FILES = sources(LIB).map(f => ({ rel: path.relative(LIB, f).split(path.sep).join('/'), code: code(f) }));

describe('every fact is written once, in its prerequisite module', () => {
  test.each(FACTS.map(f => [f.fact, f] as const))('%s', (_, fact) => {
    const holders = FILES.filter(f => fact.pattern.test(f.code)).map(f => f.rel).filter(f => !(f in (fact.alsoIn ?? {})));
    expect(holders).toEqual([fact.module]);
  });
});
