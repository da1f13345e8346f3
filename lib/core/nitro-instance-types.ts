/**
 * Which EC2 instance types are built on the AWS Nitro System.
 *
 * Amazon EKS runs IPv6 clusters only on Nitro-based nodes (Amazon EKS user guide, "IPv6 addresses for
 * clusters, Pods, and services": "Nitro-based EC2 nodes required"). This is the one place the
 * project keeps the list; the nag rule EKS-IPV6-9 and the EKS constructs read it from here.
 *
 * Source: Amazon EC2 Instance Types guide, "Instances built on the AWS Nitro System"
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-nitro-instances.html) and the
 * "Hypervisor" column of the platform summary of each family in "Amazon EC2 instance type
 * specifications" (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-type-specifications.html),
 * where the families below are listed with the Xen hypervisor. They are all previous generation:
 * every family launched since 2018 (A1, C5, M5, T3 onward) is built on Nitro, so a family that is
 * not in this list and reads as generation 5 or later (m8g, c8i, r7iz ...) is Nitro.
 */

/**
 * The instance families that run on the Xen hypervisor, not on Nitro. An instance type of one of
 * these families is not Nitro-based, except for the types in `NITRO_TYPES_OF_XEN_FAMILIES`.
 */
export const XEN_INSTANCE_FAMILIES: readonly string[] = [
  'c1', 'c3', 'c4', 'cc1', 'cc2', 'cg1', 'cr1',
  'd2',
  'f1',
  'g2', 'g3', 'g3s',
  'h1', 'hi1', 'hs1',
  'i2', 'i3', // i3en is a family of its own, and Nitro; i3.metal is Nitro (below)
  'm1', 'm2', 'm3', 'm4',
  'p2', 'p3', // p3dn is a family of its own, and Nitro
  'r3', 'r4',
  't1', 't2',
  'x1', 'x1e',
];

/** Bare metal sizes of Xen families that are built on Nitro. */
export const NITRO_TYPES_OF_XEN_FAMILIES: readonly string[] = ['i3.metal'];

/**
 * The Nitro families older than generation 5, which the generation number alone does not tell
 * apart from the Xen families. Families of generation 5 and later are Nitro without being listed.
 */
export const EARLY_NITRO_INSTANCE_FAMILIES: readonly string[] = [
  'a1',
  'd3', 'd3en',
  'dl1', 'dl2q',
  'f2',
  'g4ad', 'g4dn',
  'i3en', 'i4g', 'i4i', 'im4gn', 'is4gen',
  'inf1', 'inf2',
  'mac1', 'mac2', 'mac2-m1ultra', 'mac2-m2', 'mac2-m2pro', 'mac-m4', 'mac-m4pro',
  'p3dn', 'p4d', 'p4de',
  't3', 't3a', 't4g',
  'trn1', 'trn1n', 'trn2', 'trn2n',
  'vt1',
  'x2gd', 'x2idn', 'x2iedn', 'x2iezn',
  'z1d',
];

/**
 * The letters that begin the families of generation 5 and later (`c` of c7gn, `hpc` of hpc7g,
 * `trn` of trn2): a family of a generation 5 or later is Nitro only when it begins with one of these,
 * so a misspelt or invented family (`cc7.large`, `banana5.large`) is not taken for a new one.
 */
export const NITRO_FAMILY_CLASSES: readonly string[] = [
  'a', 'c', 'd', 'dl', 'f', 'g', 'gr', 'hpc', 'i', 'im', 'inf', 'is', 'm', 'mac', 'p', 'r', 't', 'trn', 'u', 'vt', 'x', 'z',
];

/**
 * Whether the instance type (`m5.large`, `t2.micro`) is built on the AWS Nitro System.
 *
 * @returns `true` for Nitro, `false` for Xen, `undefined` for a value that is not an instance type
 * this list knows (no `family.size` form, or an early family missing from the list).
 */
export function isNitroInstanceType(instanceType: string): boolean | undefined {
  const type = instanceType.trim().toLowerCase();
  const match = /^([a-z][a-z0-9-]*)\.([a-z0-9-]+)$/.exec(type);
  if (match === null) {
    return undefined;
  }
  const family = match[1];
  if (XEN_INSTANCE_FAMILIES.includes(family)) {
    return NITRO_TYPES_OF_XEN_FAMILIES.includes(type);
  }
  if (EARLY_NITRO_INSTANCE_FAMILIES.includes(family) || family.startsWith('u-')) {
    // u-*: the High Memory families (u-6tb1 ... u-24tb1), all Nitro.
    return true;
  }
  const generation = /^([a-z]+)(\d+)/.exec(family);
  if (generation !== null && NITRO_FAMILY_CLASSES.includes(generation[1]) && Number(generation[2]) >= 5) {
    return true;
  }
  return undefined;
}
