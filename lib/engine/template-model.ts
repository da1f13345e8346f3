/**
 * A CloudFormation template, read the way CloudFormation reads it: `Ref` and `Fn::GetAtt` lead
 * from one resource to another. Rules judge what the template says, whichever tool (CDK or none)
 * wrote it. Resources are indexed by type and references by target on first use, so a rule that
 * looks for "the route tables of this subnet" costs the same in a template of 100 resources as in
 * one of 5,000.
 */

/** One resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: { [name: string]: any };
  readonly Condition?: string;
  readonly Metadata?: { [key: string]: any };
}

/** A template, as far as the rules read it. */
export interface TemplateJson {
  readonly Resources?: { [logicalId: string]: TemplateResource };
}

/** A value that could not be judged from the template, with what it was. */
export class Unresolved {
  constructor(public readonly what: string) {}
}

/** What a rule concludes about a resource. */
export type Verdict =
  | { readonly kind: 'compliant' }
  | { readonly kind: 'not-applicable' }
  /** `findings` name the offending parts, for granular acknowledgements (`Rule[Subnet::Id]`). */
  | { readonly kind: 'non-compliant'; readonly findings?: string[] }
  | { readonly kind: 'cannot-judge'; readonly what: string };

export const COMPLIANT: Verdict = { kind: 'compliant' };
export const NOT_APPLICABLE: Verdict = { kind: 'not-applicable' };
export function nonCompliant(findings?: string[]): Verdict {
  return { kind: 'non-compliant', findings: findings && findings.length > 0 ? findings : undefined };
}
export function cannotJudge(what: string): Verdict {
  return { kind: 'cannot-judge', what };
}

/**
 * The verdict of a rule that judged several parts: a known fault wins over a part it could not
 * judge, and that over a pass.
 */
export function verdictOf(findings: string[], unresolved: Unresolved[]): Verdict {
  if (findings.length > 0) {
    return nonCompliant(findings);
  }
  return unresolved.length > 0 ? cannotJudge(unresolved.map(u => u.what).join('; ')) : COMPLIANT;
}

/**
 * Judges each resource a list property points to. `judge` returns a finding id for a fault, an
 * `Unresolved` for a resource it cannot judge, and `undefined` for one that is fine.
 */
export function judgeEach(items: Array<string | Unresolved> | Unresolved, judge: (logicalId: string) => string | Unresolved | undefined): Verdict {
  if (items instanceof Unresolved) {
    return cannotJudge(items.what);
  }
  const findings: string[] = [];
  const unresolved: Unresolved[] = [];
  for (const item of items) {
    const result = item instanceof Unresolved ? item : judge(item);
    if (result instanceof Unresolved) {
      unresolved.push(result);
    } else if (result !== undefined) {
      findings.push(result);
    }
  }
  return verdictOf(findings, unresolved);
}

/** The IPv6 source of an ingress rule that admits everyone. */
export const ANY_IPV6 = '::/0';
export const ANY_IPV4 = '0.0.0.0/0';

/** An ingress rule of a security group, inline or a separate resource. */
export interface IngressRule {
  readonly IpProtocol?: unknown;
  readonly FromPort?: unknown;
  readonly ToPort?: unknown;
  readonly CidrIp?: unknown;
  readonly CidrIpv6?: unknown;
  readonly SourceSecurityGroupId?: unknown;
  readonly SourcePrefixListId?: unknown;
}

export class TemplateModel {
  private readonly resources: { [logicalId: string]: TemplateResource };
  private byType?: Map<string, Array<[string, TemplateResource]>>;
  /** `type\0property` to the resources of `type` whose `property` points to each target. */
  private readonly byReference = new Map<string, Map<string, Array<[string, TemplateResource]>>>();
  private readonly memo = new Map<string, unknown>();
  private readonly own?: ReadonlySet<string>;

  /**
   * @param own the template's own resources, where `template` also holds resources of other stacks
   * that it imports from (`StackExports.inline`): only its own are judged. Default: all of them.
   */
  constructor(template: TemplateJson, own?: ReadonlySet<string>) {
    this.resources = template.Resources ?? {};
    this.own = own;
  }

  public resource(logicalId: string): TemplateResource | undefined {
    return Object.prototype.hasOwnProperty.call(this.resources, logicalId) ? this.resources[logicalId] : undefined;
  }

  /** Every resource, in template order, those of other stacks it imports from included. */
  public allResources(): Array<[string, TemplateResource]> {
    return Object.entries(this.resources);
  }

  /** The template's own resources, in template order: the ones to judge. */
  public ownResources(): Array<[string, TemplateResource]> {
    const own = this.own;
    return own === undefined ? this.allResources() : this.allResources().filter(([id]) => own.has(id));
  }

  public resourcesOfType(type: string): Array<[string, TemplateResource]> {
    if (this.byType === undefined) {
      this.byType = new Map();
      for (const entry of Object.entries(this.resources)) {
        const list = this.byType.get(entry[1].Type);
        if (list === undefined) {
          this.byType.set(entry[1].Type, [entry]);
        } else {
          list.push(entry);
        }
      }
    }
    return this.byType.get(type) ?? [];
  }

  /**
   * The logical id a value points to: `{ Ref: Id }` or `{ 'Fn::GetAtt': [Id, ...] }` of a resource
   * in this template. `undefined` for a literal, a parameter or any other expression.
   */
  public target(value: unknown): string | undefined {
    if (isObject(value)) {
      const ref = value.Ref;
      if (typeof ref === 'string' && this.resource(ref) !== undefined) {
        return ref;
      }
      const getAtt = value['Fn::GetAtt'];
      const id = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
      if (typeof id === 'string' && this.resource(id) !== undefined) {
        return id;
      }
    }
    return undefined;
  }

  /** Whether `value` points to the resource `logicalId`. */
  public pointsTo(value: unknown, logicalId: string): boolean {
    return this.target(value) === logicalId;
  }

  /**
   * The resources a list property points to (subnets, security groups). A literal id or an
   * expression the template cannot follow is `Unresolved`.
   */
  public targets(list: unknown, what: string): Array<string | Unresolved> | Unresolved {
    if (list === undefined) {
      return [];
    }
    if (!Array.isArray(list)) {
      return new Unresolved(`${what} is ${describe(list)}, not a list this template defines`);
    }
    return list.map(item => this.target(item) ?? new Unresolved(`${what} entry ${describe(item)} is not defined in this template`));
  }

  /** The resources of `type` whose property `property` points to `logicalId`. */
  public referrers(type: string, property: string, logicalId: string): Array<[string, TemplateResource]> {
    return this.referenceIndex(type, property, false).get(logicalId) ?? [];
  }

  /** The resources of `type` whose list property `property` has an entry that points to `logicalId`. */
  public listReferrers(type: string, property: string, logicalId: string): Array<[string, TemplateResource]> {
    return this.referenceIndex(type, property, true).get(logicalId) ?? [];
  }

  /**
   * A value derived from the whole template (an index a rule builds), computed once per template:
   * rules that look one resource up in a scan of all of them stay linear.
   */
  public cached<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) {
      this.memo.set(key, compute());
    }
    return this.memo.get(key) as T;
  }

  private referenceIndex(type: string, property: string, list: boolean): Map<string, Array<[string, TemplateResource]>> {
    const key = `${type}\0${property}\0${list}`;
    let index = this.byReference.get(key);
    if (index === undefined) {
      index = new Map();
      for (const entry of this.resourcesOfType(type)) {
        const value = entry[1].Properties?.[property];
        const targets = list ? (Array.isArray(value) ? value : []).map(v => this.target(v)) : [this.target(value)];
        for (const target of new Set(targets)) {
          if (target !== undefined) {
            const entries = index.get(target);
            if (entries === undefined) {
              index.set(target, [entry]);
            } else {
              entries.push(entry);
            }
          }
        }
      }
      this.byReference.set(key, index);
    }
    return index;
  }

  // --- VPCs and subnets -------------------------------------------------------------------

  /** Whether an IPv6 block is associated with the VPC `vpcId` in this template. */
  public vpcHasIpv6(vpcId: string): boolean {
    return this.referrers('AWS::EC2::VPCCidrBlock', 'VpcId', vpcId).some(([, b]) => hasIpv6Source(b.Properties));
  }

  /** Whether the VPC has an IPv4 range (every VPC has one unless it is built from IPAM). */
  public vpcHasIpv4(vpcId: string): boolean {
    const props = this.resource(vpcId)?.Properties ?? {};
    return props.CidrBlock !== undefined || props.Ipv4IpamPoolId !== undefined;
  }

  /** Whether the subnet has an IPv6 block, on the subnet itself or through `AWS::EC2::SubnetCidrBlock`. */
  public subnetHasIpv6(subnetId: string): boolean {
    const props = this.resource(subnetId)?.Properties ?? {};
    return props.Ipv6CidrBlock !== undefined || props.Ipv6IpamPoolId !== undefined
      || this.referrers('AWS::EC2::SubnetCidrBlock', 'SubnetId', subnetId).some(([, b]) =>
        b.Properties?.Ipv6CidrBlock !== undefined || b.Properties?.Ipv6IpamPoolId !== undefined);
  }

  /** Whether the subnet has an IPv4 range: not IPv6-only. */
  public subnetHasIpv4(subnetId: string): boolean {
    const props = this.resource(subnetId)?.Properties ?? {};
    return !isTrue(props.Ipv6Native) && (props.CidrBlock !== undefined || props.Ipv4IpamPoolId !== undefined);
  }

  /** The route table associated with the subnet in this template; `undefined` means the VPC's main table. */
  public routeTableOf(subnetId: string): string | Unresolved | undefined {
    const associations = this.referrers('AWS::EC2::SubnetRouteTableAssociation', 'SubnetId', subnetId);
    if (associations.length === 0) {
      return undefined;
    }
    const table = associations[0][1].Properties?.RouteTableId;
    return this.target(table) ?? new Unresolved(`the route table of subnet ${subnetId} is ${describe(table)}, not defined in this template`);
  }

  /** The routes of a route table. */
  public routesOf(routeTableId: string): Array<[string, TemplateResource]> {
    return this.referrers('AWS::EC2::Route', 'RouteTableId', routeTableId);
  }

  /**
   * The route of `subnetId` to `destination` (an IPv4 or IPv6 CIDR): the route resource, `false`
   * when the subnet's route table has none, or `Unresolved`.
   */
  public subnetRoute(subnetId: string, destination: string): [string, TemplateResource] | false | Unresolved {
    const table = this.routeTableOf(subnetId);
    if (table instanceof Unresolved) {
      return table;
    }
    if (table === undefined) {
      return new Unresolved(`subnet ${subnetId} has no route table association in this template (it uses the VPC's main route table)`);
    }
    return this.routesOf(table).find(([, r]) =>
      r.Properties?.DestinationIpv6CidrBlock === destination || r.Properties?.DestinationCidrBlock === destination) ?? false;
  }

  /** The VPC a subnet is in, when the template defines it. */
  public vpcOfSubnet(subnetId: string): string | Unresolved {
    const vpc = this.resource(subnetId)?.Properties?.VpcId;
    return this.target(vpc) ?? new Unresolved(`the VPC of subnet ${subnetId} is ${describe(vpc)}, not defined in this template`);
  }

  /**
   * Whether a CIDR expression is built from a VPC's or a subnet's own CIDR attributes (such as
   * `Fn::Select [0, VPC.Ipv6CidrBlocks]`): a range inside the VPC, never `/0`.
   */
  public isVpcDerivedCidr(value: unknown): boolean {
    if (Array.isArray(value)) {
      return value.some(v => this.isVpcDerivedCidr(v));
    }
    if (!isObject(value)) {
      return false;
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      const type = this.resource(getAtt[0])?.Type;
      return (type === 'AWS::EC2::VPC' || type === 'AWS::EC2::Subnet') && CIDR_ATTRIBUTES.includes(getAtt[1]);
    }
    return Object.values(value).some(v => this.isVpcDerivedCidr(v));
  }

  // --- Security groups --------------------------------------------------------------------

  /** Every ingress rule of a security group: inline, and `AWS::EC2::SecurityGroupIngress` resources. */
  public ingressRules(securityGroupId: string): IngressRule[] {
    const inline = this.resource(securityGroupId)?.Properties?.SecurityGroupIngress;
    const separate = this.referrers('AWS::EC2::SecurityGroupIngress', 'GroupId', securityGroupId).map(([, r]) => r.Properties ?? {});
    return [...(Array.isArray(inline) ? inline : []), ...separate];
  }
}

/** Whether an ingress rule admits TCP `port`. */
export function admitsTcpPort(rule: IngressRule, port: number): boolean {
  const protocol = String(rule.IpProtocol);
  if (protocol === '-1') {
    return true;
  }
  if (protocol !== 'tcp' && protocol !== '6') {
    return false;
  }
  const from = Number(rule.FromPort);
  const to = Number(rule.ToPort ?? rule.FromPort);
  return from <= port && port <= to;
}

const CIDR_ATTRIBUTES = ['CidrBlock', 'CidrBlockAssociations', 'Ipv6CidrBlocks'];

function hasIpv6Source(props: { [name: string]: any } | undefined): boolean {
  return props !== undefined && (isTrue(props.AmazonProvidedIpv6CidrBlock) || props.Ipv6IpamPoolId !== undefined
    || props.Ipv6Pool !== undefined || props.Ipv6CidrBlock !== undefined);
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short text for a template value in a finding. */
export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
