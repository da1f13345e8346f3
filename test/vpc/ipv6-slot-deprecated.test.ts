import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DualStackVpc, DualStackVpcProps } from '../../lib';

// ipv6Slot became slot (which places the IPv4 ranges too). Apps written before kept compiling in
// JavaScript and with transpile-only builds, and their groups silently moved: the deprecated prop
// now throws with the fix, whatever the language or build.
describe('ipv6Slot (deprecated)', () => {
  test('given in TypeScript, it throws with the fix, before any resource exists', () => {
    const stack = new Stack(new App(), 'Stack');
    const props: DualStackVpcProps = {
      subnetGroups: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, ipv6Slot: 5 },
      ],
    };
    expect(() => new DualStackVpc(stack, 'Vpc', props)).toThrow(
      /^\[Stack\/Vpc\] subnetGroups\[1\] 'Data': ipv6Slot is no longer read\. Rename it to slot \(slot: 5\)/);
    expect(stack.node.tryFindChild('Vpc')).toBeUndefined();
  });

  test('given by a JavaScript app (props from plain JSON, no types), it throws too', () => {
    const stack = new Stack(new App(), 'Stack');
    const props = JSON.parse('{ "subnetGroups": [{ "name": "Public", "subnetType": "Public", "ipv6Slot": 0 }] }');
    expect(() => new DualStackVpc(stack, 'Vpc', props)).toThrow(/'Public': ipv6Slot is no longer read\. Rename it to slot \(slot: 0\)/);
  });

  test('slot alone is accepted', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new DualStackVpc(stack, 'Vpc', {
      subnetGroups: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, slot: 1 }],
    })).not.toThrow();
  });
});
