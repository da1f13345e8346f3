import * as fs from 'fs';
import * as path from 'path';
import { ALL_PREREQUISITES } from '../../lib/prerequisites';
import { LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION } from '../../lib/prerequisites/eks/eks-addon-load-balancer-controller-version';
import { VPC_CNI_SUBNET_DISCOVERY_VERSION } from '../../lib/prerequisites/eks/eks-addon-vpc-cni-ipv6-permissions';
import { VPC_CNI_IPV6_MINIMUM_VERSION } from '../../lib/prerequisites/eks/eks-addon-vpc-cni-version';
import { FIRST_KUBERNETES_VERSION_WITHOUT_AL2 } from '../../lib/prerequisites/eks/eks-node-no-amazon-linux-2-on-new-kubernetes';
import { MSK_BROKER_TYPES_WITHOUT_DUAL_STACK } from '../../lib/prerequisites/msk/msk-dual-stack-broker-type';
import { MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION } from '../../lib/prerequisites/msk/msk-dual-stack-kafka-version';
import { MSK_NETWORK_TYPES } from '../../lib/prerequisites/msk/msk-network-type-value';

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
  {
    fact: 'no Windows nodes',
    pattern: /'WINDOWS/i,
    module: 'prerequisites/eks/eks-node-no-windows-ami.ts',
    alsoIn: { 'prerequisites/k8s/k8s-no-windows-pods.ts': 'the kubernetes.io/os label value of Windows pods, a fact of its own (K8S-IPV6-4)' },
  },
  { fact: 'no FSx for Lustre', pattern: /fsx\.csi\.aws\.com/, module: 'prerequisites/eks/eks-no-fsx-for-lustre.ts' },
  { fact: 'no dual-stack Services', pattern: /'(Prefer|Require)DualStack'/, module: 'prerequisites/k8s/k8s-service-ipv6-single-stack.ts' },
  { fact: 'no QUIC on a dual-stack NLB', pattern: /'TCP_QUIC'/, module: 'prerequisites/elb/elb-dual-stack-nlb-no-quic.ts' },
  { fact: 'ALB authentication actions', pattern: /'authenticate-(oidc|cognito)'/, module: 'prerequisites/elb/elb-alb-authentication-needs-public-ipv4.ts' },
  { fact: 'the controller\'s annotations', pattern: /'(service\.beta\.kubernetes\.io\/aws-load-balancer-(nlb-target-type|ip-address-type|type)|alb\.ingress\.kubernetes\.io\/(target-type|ip-address-type|auth-type))'/, module: 'prerequisites/k8s/k8s-helpers.ts' },
  { fact: 'no AL2 AMIs from Kubernetes 1.33', pattern: /\b1\.3[23]\b|\[1, 33, 0\]|\/\^AL2_|'AL2_'/, module: 'prerequisites/eks/eks-node-no-amazon-linux-2-on-new-kubernetes.ts' },
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

describe('each prerequisite states the fact its module holds', () => {
  // Kubernetes and the CNI's discovery are named by minor version (1.33, 1.22), the others by patch.
  const version = (v: number[]) => v.join('.');
  const minor = (v: number[]) => v.slice(0, 2).join('.');
  test.each([
    ['MSK-IPV6-6', version(MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION)],
    ['MSK-IPV6-7', MSK_BROKER_TYPES_WITHOUT_DUAL_STACK.join(', ')],
    ['MSK-IPV6-4', MSK_NETWORK_TYPES.join(' or ')],
    ['EKS-IPV6-2', version(VPC_CNI_IPV6_MINIMUM_VERSION)],
    ['EKS-IPV6-13', `v${version(LOAD_BALANCER_CONTROLLER_IPV6_MINIMUM_VERSION)}`],
    ['EKS-IPV6-14', `VPC CNI ${minor(VPC_CNI_SUBNET_DISCOVERY_VERSION)}`],
    ['EKS-IPV6-17', `Kubernetes ${minor(FIRST_KUBERNETES_VERSION_WITHOUT_AL2)}`],
  ])('%s states %s', (id, text) => {
    expect(ALL_PREREQUISITES.find(p => p.id === id)?.statement).toContain(text);
  });
});
