import { Annotations, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { SelfManagedNodesOptions } from './self-managed-nodes';
import { invalidProp } from '../core/validation';

/**
 * The root device of the EKS-optimized Amazon Linux AMIs, and the size EKS gives managed node
 * groups by default (`diskSize` 20 GiB).
 */
const ROOT_DEVICE = '/dev/xvda';
const ROOT_VOLUME_GIB = 20;

/** What an Auto Scaling group refuses next to a launch template, as launch template props. */
export type InstanceLaunchOptions = Pick<ec2.LaunchTemplateProps,
  'blockDevices' | 'keyName' | 'keyPair' | 'spotOptions' | 'associatePublicIpAddress' | 'detailedMonitoring'>;

/**
 * The instance options of `SelfManagedNodesOptions` that aws-cdk-lib's Auto Scaling group refuses
 * with a launch template (`blockDevices`, `keyName`, `keyPair`, `spotPrice`,
 * `associatePublicIpAddress`, `instanceMonitoring`), as the launch template's props. EBS volumes
 * are encrypted unless a block device says `encrypted: false`; without `blockDevices`, the root
 * volume of the EKS-optimized AMI is. Throws for a spot price that is not a positive number.
 */
export function instanceLaunchOptions(scope: IConstruct, id: string, options: SelfManagedNodesOptions): InstanceLaunchOptions {
  const spotPrice = options.spotPrice;
  if (spotPrice !== undefined && !Token.isUnresolved(spotPrice) && !(Number(spotPrice) > 0)) {
    invalidProp(scope, id, `spotPrice: '${spotPrice}' is not a positive number of US dollars per hour. Give a price such as '0.05', or leave it out for On-Demand nodes.`);
  }
  if (options.blockDevices === undefined && options.machineImage !== undefined) {
    Annotations.of(scope).addWarningV2('cdk-ipv6-ready:eksSelfManagedRootVolume',
      `Self-managed nodes ${id} use a machineImage whose root device this construct does not know, so it cannot encrypt the root volume: `
      + 'give blockDevices with encrypted: true for the image\'s root device, or rely on EBS encryption by default in the account.');
  }
  return {
    blockDevices: options.blockDevices?.map(device => launchTemplateBlockDevice(scope, id, device))
      ?? (options.machineImage === undefined
        ? [{
          deviceName: ROOT_DEVICE,
          volume: ec2.BlockDeviceVolume.ebs(ROOT_VOLUME_GIB, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }),
        }]
        : undefined),
    // Only when given: LaunchTemplateProps#keyName is deprecated, and jsii warns on the key alone.
    ...(options.keyName === undefined ? {} : { keyName: options.keyName }),
    keyPair: options.keyPair,
    spotOptions: spotPrice === undefined ? undefined : { maxPrice: Token.isUnresolved(spotPrice) ? Token.asNumber(spotPrice) : Number(spotPrice) },
    associatePublicIpAddress: options.associatePublicIpAddress,
    detailedMonitoring: options.instanceMonitoring === undefined ? undefined : options.instanceMonitoring === autoscaling.Monitoring.DETAILED,
  };
}

/** An Auto Scaling block device as a launch template block device, encrypted unless it says otherwise. */
function launchTemplateBlockDevice(scope: IConstruct, id: string, device: autoscaling.BlockDevice): ec2.BlockDevice {
  const { ebsDevice, virtualName } = device.volume;
  if (virtualName !== undefined) {
    return { deviceName: device.deviceName, volume: ec2.BlockDeviceVolume.ephemeral(Number(virtualName.replace(/^ephemeral/, ''))) };
  }
  if (ebsDevice === undefined) {
    // BlockDeviceVolume.noDevice(): ec2.BlockDeviceVolume has no such volume to carry it.
    return invalidProp(scope, id, `blockDevices: ${device.deviceName} is BlockDeviceVolume.noDevice(), which the nodes' launch template cannot express. `
      + 'Remove it, or give an EBS or instance store volume for the device.');
  }
  const ebsOptions: ec2.EbsDeviceOptions = {
    deleteOnTermination: ebsDevice.deleteOnTermination,
    iops: ebsDevice.iops,
    // The two enums share their values (the EBS volume type names).
    volumeType: ebsDevice.volumeType as string as ec2.EbsDeviceVolumeType | undefined,
    throughput: ebsDevice.throughput,
    volumeInitializationRate: ebsDevice.volumeInitializationRate,
    // BlockDeviceVolume.ebs() keeps `encrypted` in ebsDevice, whose type does not list it.
    encrypted: (ebsDevice as autoscaling.EbsDeviceOptions).encrypted ?? true,
  };
  const volume = ebsDevice.snapshotId !== undefined
    ? ec2.BlockDeviceVolume.ebsFromSnapshot(ebsDevice.snapshotId, { ...ebsOptions, volumeSize: ebsDevice.volumeSize })
    : ec2.BlockDeviceVolume.ebs(ebsDevice.volumeSize ?? ROOT_VOLUME_GIB, ebsOptions);
  return { deviceName: device.deviceName, volume };
}
