// DualStackVpc, deployed with its defaults (a public and a private group), then checked through
// the EC2 API: the VPC has an associated IPv6 /56, every subnet an associated /64 and
// AssignIpv6AddressOnCreation, private subnets send ::/0 to the egress-only internet gateway and
// public subnets to the internet gateway.
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App } from 'aws-cdk-lib';
import { assertIpv6DefaultRoutes, assertSubnetsHaveIpv6, assertVpcHasIpv6, integStack, TEST_OPTIONS } from './support';
import { DualStackVpc } from '../lib/vpc';

const app = new App();
const stack = integStack(app, 'DualStackVpc', 'dual-stack-vpc');

// Two zones and one NAT gateway keep the test cheap; everything else is the default.
const vpc = new DualStackVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });

const integ = new IntegTest(app, 'DualStackVpcTest', { testCases: [stack], ...TEST_OPTIONS });

assertVpcHasIpv6(integ.assertions, vpc.vpcId);
assertSubnetsHaveIpv6(integ.assertions, [...vpc.publicSubnets, ...vpc.privateSubnets], subnet => vpc.ipv6CidrBlockOf(subnet));
assertIpv6DefaultRoutes(integ.assertions, vpc.privateSubnets, { egressOnlyInternetGatewayId: vpc.egressOnlyInternetGatewayId! });
assertIpv6DefaultRoutes(integ.assertions, vpc.publicSubnets, { internetGatewayId: vpc.internetGatewayId! });
