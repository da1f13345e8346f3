/**
 * Estimates a stack's deployment critical path from its template's dependency graph: Ref,
 * Fn::GetAtt, Fn::Sub references and DependsOn, nested stacks included (a nested stack takes as
 * long as its own critical path, plus a little). CloudFormation creates every resource as soon as
 * all the resources it depends on are created, so the earliest finish of the stack is the longest
 * path through the graph weighted by per-type creation times (creation-times.ts).
 *
 * It also tells which part each resource belongs to (network, MSK, EKS, shared) and whether the
 * MSK and EKS parts wait on each other when they need not.
 */
import {
  MSK_CONNECTIVITY_UPDATE_WAIT_MINUTES, minutesForType,
} from './creation-times';
import { CfnResource, isCustomResourceType, LoadedTemplate, Template } from './template-stats';

export type Part = 'network' | 'msk' | 'eks' | 'shared';
export const CLUSTER_PARTS: Part[] = ['msk', 'eks'];

/** The resources a resource depends on, from its properties, DependsOn and references. */
export function dependencies(logicalId: string, template: Template): string[] {
  const resources = template.Resources ?? {};
  const resource = resources[logicalId];
  const found = new Set<string>();
  const add = (name: string) => {
    if (name !== logicalId && resources[name] !== undefined) found.add(name);
  };
  const walk = (value: unknown, subVariables?: Set<string>): void => {
    if (Array.isArray(value)) {
      value.forEach(v => walk(v, subVariables));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1) {
      const [key] = keys;
      const arg = obj[key];
      if (key === 'Ref' && typeof arg === 'string') {
        add(arg);
        return;
      }
      if (key === 'Fn::GetAtt') {
        if (Array.isArray(arg) && typeof arg[0] === 'string') add(arg[0]);
        else if (typeof arg === 'string') add(arg.split('.')[0]);
        if (Array.isArray(arg)) arg.slice(1).forEach(v => walk(v));
        return;
      }
      if (key === 'Fn::Sub') {
        const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
        const local = new Set(Object.keys((vars ?? {}) as object));
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const name = m[1].trim().split('.')[0];
            if (!local.has(name)) add(name);
          }
        }
        if (vars !== undefined) walk(vars);
        return;
      }
    }
    for (const v of Object.values(obj)) walk(v, subVariables);
  };
  walk(resource.Properties);
  // Conditions and metadata create no dependency; DependsOn does.
  const dependsOn = resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn);
  dependsOn.forEach(add);
  return [...found].sort();
}

export interface NodeEstimate {
  readonly minutes: number;
  /** Why this figure, when it is not the plain per-type one. */
  readonly note?: string;
}

/** The estimate for one resource of a template (nested stacks are handled by `analyze`). */
export function estimate(logicalId: string, template: Template, path?: string): NodeEstimate {
  const resource = template.Resources![logicalId];
  if (isCustomResourceType(resource.Type) && isMskConnectivitySwitch(logicalId, template, path)) {
    return providerWaits(resource, template)
      ? { minutes: MSK_CONNECTIVITY_UPDATE_WAIT_MINUTES, note: 'waits for MSK UpdateConnectivity to DUAL' }
      : { minutes: minutesForType(resource.Type), note: 'calls UpdateConnectivity without waiting: the cluster is not yet dual-stack when the stack completes' };
  }
  return { minutes: minutesForType(resource.Type) };
}

/** A custom resource that switches an MSK cluster to dual-stack. */
export function isMskConnectivitySwitch(logicalId: string, template: Template, path?: string): boolean {
  const resource = template.Resources![logicalId];
  const text = `${resource.Type} ${logicalId} ${path ?? ''} ${JSON.stringify(resource.Properties ?? {})}`;
  if (!/UpdateConnectivity|DualStack|dual-stack|NetworkType|Connectivity/i.test(text)) return false;
  const refsMsk = dependencies(logicalId, template).some(d => template.Resources![d].Type === 'AWS::MSK::Cluster');
  return refsMsk || /msk|kafka/i.test(text);
}

/** Whether a custom resource's provider waits for completion (Provider framework with isComplete). */
export function providerWaits(resource: CfnResource, template: Template): boolean {
  const token = resource.Properties?.ServiceToken;
  const target = referencedResource(token);
  const fn = target === undefined ? undefined : template.Resources?.[target];
  const variables = (fn?.Properties?.Environment as any)?.Variables ?? {};
  return variables.USER_IS_COMPLETE_FUNCTION_ARN !== undefined || variables.WAITER_STATE_MACHINE_ARN !== undefined;
}

function referencedResource(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (typeof v.Ref === 'string') return v.Ref;
    if (Array.isArray(v['Fn::GetAtt'])) return v['Fn::GetAtt'][0];
  }
  return undefined;
}

const NETWORK_TYPES = new Set([
  'AWS::EC2::VPC', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::Subnet', 'AWS::EC2::SubnetCidrBlock',
  'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::FlowLog',
  'AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry', 'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::IPAM', 'AWS::EC2::IPAMPool', 'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::DHCPOptions',
  'AWS::EC2::VPCDHCPOptionsAssociation',
]);

/**
 * The part of the architecture a resource belongs to: by type first (MSK, EKS, VPC plumbing),
 * then by construct path, then by the logical ID.
 */
export function partOf(logicalId: string, resource: CfnResource, path?: string): Part {
  if (resource.Type.startsWith('AWS::MSK::') || resource.Type.startsWith('AWS::KafkaConnect::')) return 'msk';
  if (resource.Type.startsWith('AWS::EKS::')) return 'eks';
  if (NETWORK_TYPES.has(resource.Type)) return 'network';
  const text = path ?? logicalId;
  if (/msk|kafka|broker/i.test(text)) return 'msk';
  if (/eks|kube|nodegroup|k8s|pod/i.test(text)) return 'eks';
  if (/vpc|subnet|flowlog|nat/i.test(text)) return 'network';
  return 'shared';
}

export interface PathStep {
  readonly logicalId: string;
  readonly type: string;
  readonly part: Part;
  readonly minutes: number;
  readonly start: number;
  readonly finish: number;
  readonly note?: string;
  /** For a nested stack: its own critical path. */
  readonly nested?: PathStep[];
}

export interface Schedule {
  /** Earliest finish of the whole template, in minutes. */
  readonly total: number;
  /** The longest chain, first created first. */
  readonly chain: PathStep[];
  /** Every resource, with its earliest start and finish. */
  readonly steps: Record<string, PathStep>;
  readonly predecessors: Record<string, string | undefined>;
}

export interface ScheduleOptions {
  /** Parts whose resources are counted as taking no time (what-if analysis). */
  readonly zeroParts?: Part[];
  /** Count only these parts' resources; others take no time. */
  readonly onlyParts?: Part[];
}

/** The earliest-start schedule of a template: the longest weighted path through its dependency graph. */
export function schedule(loaded: LoadedTemplate, options: ScheduleOptions = {}): Schedule {
  const template = loaded.template;
  const resources = template.Resources ?? {};
  const ids = Object.keys(resources);
  const deps: Record<string, string[]> = {};
  for (const id of ids) deps[id] = dependencies(id, template);

  const steps: Record<string, PathStep> = {};
  const predecessors: Record<string, string | undefined> = {};
  const state: Record<string, 'visiting' | 'done'> = {};
  const visit = (id: string): PathStep => {
    if (state[id] === 'done') return steps[id];
    if (state[id] === 'visiting') throw new Error(`Dependency cycle through ${loaded.name}/${id}`);
    state[id] = 'visiting';
    let start = 0;
    let predecessor: string | undefined;
    for (const d of deps[id]) {
      const finish = visit(d).finish;
      if (predecessor === undefined || finish > start) {
        start = finish;
        predecessor = d;
      }
    }
    const resource = resources[id];
    const part = partOf(id, resource, loaded.paths[id]);
    let minutes: number;
    let note: string | undefined;
    let nested: PathStep[] | undefined;
    const child = loaded.nested[id];
    if (child !== undefined) {
      const inner = schedule(child, options);
      minutes = minutesForType(resource.Type) + inner.total;
      nested = inner.chain;
      note = `nested stack: ${inner.total.toFixed(1)} min inside`;
    } else {
      const e = estimate(id, template, loaded.paths[id]);
      minutes = e.minutes;
      note = e.note;
    }
    if (options.zeroParts?.includes(part) || (options.onlyParts !== undefined && !options.onlyParts.includes(part))) {
      minutes = 0;
    }
    steps[id] = { logicalId: id, type: resource.Type, part, minutes, start, finish: start + minutes, note, nested };
    predecessors[id] = predecessor;
    state[id] = 'done';
    return steps[id];
  };
  ids.forEach(visit);

  let last: string | undefined;
  for (const id of ids) {
    if (last === undefined || steps[id].finish > steps[last].finish) last = id;
  }
  const chain: PathStep[] = [];
  for (let id = last; id !== undefined; id = predecessors[id]) chain.unshift(steps[id]);
  return { total: last === undefined ? 0 : steps[last].finish, chain, steps, predecessors };
}

/** The chain of steps leading to one resource, first created first. */
export function chainTo(s: Schedule, id: string): PathStep[] {
  const out: PathStep[] = [];
  for (let cur: string | undefined = id; cur !== undefined; cur = s.predecessors[cur]) out.unshift(s.steps[cur]);
  return out;
}

export interface CriticalPathAnalysis {
  readonly stack: string;
  readonly total: number;
  readonly chain: PathStep[];
  /** Longest path counting only the network's resources. */
  readonly network: number;
  /** Per cluster part present: its own longest path counting only its resources. */
  readonly clusters: Partial<Record<Part, number>>;
  /** Per cluster part present: the critical path if the other clusters took no time. */
  readonly alone: Partial<Record<Part, number>>;
  /** The critical path if the cluster parts did not wait on each other: max of `alone`. */
  readonly independentBound: number;
  /** Dependency chains from one cluster part to another (a part waiting on another): each waits on the next. */
  readonly crossClusterWaits: { from: Part; to: Part; chain: string[] }[];
  /** Resources of 10 minutes or more: when they can start, and what they wait for. */
  readonly heavy: { logicalId: string; type: string; part: Part; start: number; minutes: number; waitsFor: string[] }[];
}

/** The critical path of a stack, and whether its VPC, MSK and EKS parts are serialized. */
export function analyze(loaded: LoadedTemplate): CriticalPathAnalysis {
  const full = schedule(loaded);
  const presentParts = new Set(Object.values(full.steps).map(s => s.part));
  const clusterParts = CLUSTER_PARTS.filter(p => presentParts.has(p));
  const clusters: Partial<Record<Part, number>> = {};
  const alone: Partial<Record<Part, number>> = {};
  for (const p of clusterParts) {
    clusters[p] = schedule(loaded, { onlyParts: [p] }).total;
    alone[p] = schedule(loaded, { zeroParts: clusterParts.filter(o => o !== p) }).total;
  }
  const independentBound = clusterParts.length === 0 ? full.total : Math.max(...clusterParts.map(p => alone[p]!));

  const crossClusterWaits = findCrossWaits(loaded, full, clusterParts);
  const heavy = Object.values(full.steps)
    .filter(s => s.minutes >= 10)
    .sort((a, b) => a.start - b.start)
    .map(s => ({
      logicalId: s.logicalId,
      type: s.type,
      part: s.part,
      start: s.start,
      minutes: s.minutes,
      waitsFor: chainTo(full, s.logicalId).slice(0, -1).filter(p => p.minutes >= 1).map(p => `${p.logicalId} (${p.type}, ${p.minutes} min)`),
    }));
  return {
    stack: loaded.name,
    total: full.total,
    chain: full.chain,
    network: schedule(loaded, { onlyParts: ['network'] }).total,
    clusters,
    alone,
    independentBound,
    crossClusterWaits,
    heavy,
  };
}

/** For each pair of cluster parts: a dependency chain from a resource of one to a resource of the other, if any. */
function findCrossWaits(loaded: LoadedTemplate, s: Schedule, clusterParts: Part[]) {
  const template = loaded.template;
  const resources = template.Resources ?? {};
  const deps: Record<string, string[]> = {};
  for (const id of Object.keys(resources)) deps[id] = dependencies(id, template);
  const out: { from: Part; to: Part; chain: string[] }[] = [];
  for (const from of clusterParts) {
    for (const to of clusterParts) {
      if (from === to) continue;
      // Breadth-first from every resource of `from` that takes a minute or more, through any
      // resource, until one of `to` that takes a minute or more: a real wait, not an ingress rule
      // or an IAM role that refers to the other cluster and nothing slow waits for.
      const starts = Object.keys(resources).filter(id => s.steps[id].part === from && s.steps[id].minutes >= 1);
      const seen = new Map<string, string | undefined>();
      const queue: string[] = [];
      for (const id of starts) {
        seen.set(id, undefined);
        queue.push(id);
      }
      let hit: string | undefined;
      while (queue.length > 0 && hit === undefined) {
        const cur = queue.shift()!;
        for (const d of deps[cur]) {
          if (seen.has(d)) continue;
          seen.set(d, cur);
          if (s.steps[d].part === to && s.steps[d].minutes >= 1) {
            hit = d;
            break;
          }
          queue.push(d);
        }
      }
      if (hit !== undefined) {
        const chain: string[] = [];
        for (let cur: string | undefined = hit; cur !== undefined; cur = seen.get(cur)) chain.push(`${cur} (${resources[cur].Type})`);
        out.push({ from, to, chain: chain.reverse() });
      }
    }
  }
  return out;
}
