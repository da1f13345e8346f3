// Ipv6Upgrade on an existing IPv4 ec2.Vpc, tested as the upgrade it is in real life: an update of
// a stack whose VPC was deployed without IPv6 (see `upgradeTest` in ./support.ts).
//
//   Test case 1 (Ipv6UpgradeBefore): an IPv4-only ec2.Vpc (public and private subnets, 2 zones).
//   Test case 2 (Ipv6UpgradeAfter): the same stack plus Ipv6Upgrade, deployed as an update;
//     then the EC2 API must show the VPC's IPv6 /56, each subnet's /64 (the one Ipv6Upgrade
//     computed) with AssignIpv6AddressOnCreation, and the ::/0 routes.
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { assertIpv6DefaultRoutes, assertSubnetsHaveIpv6, assertVpcHasIpv6, upgradeTest } from './support';
import { Ipv6Upgrade } from '../lib/vpc';

const app = new App();

const { afterParts: { vpc, upgrade }, assertions } = upgradeTest(app, 'Ipv6Upgrade', 'ipv6-upgrade', (stack: Stack, upgraded: boolean) => {
  const existing = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
  });
  return { vpc: existing, upgrade: upgraded ? new Ipv6Upgrade(stack, 'Upgrade', { vpc: existing }) : undefined };
});

assertVpcHasIpv6(assertions, vpc.vpcId);
assertSubnetsHaveIpv6(assertions, [...vpc.publicSubnets, ...vpc.privateSubnets], subnet => upgrade!.ipv6CidrBlockOf(subnet));
assertIpv6DefaultRoutes(assertions, vpc.privateSubnets, { egressOnlyInternetGatewayId: upgrade!.egressOnlyInternetGatewayId! });
assertIpv6DefaultRoutes(assertions, vpc.publicSubnets, { internetGatewayId: vpc.internetGatewayId! });
