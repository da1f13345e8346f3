import { isDeepStrictEqual } from 'util';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { refusedUpdate } from './refused-updates';
import { ConditionScenario, TemplateResolver } from './resolve-template';
import { STATEFUL_RESOURCE_TYPES } from './stateful-resource-types';

/**
 * What a template change does to a resource it does not keep.
 */
export enum ReplacementKind {
  /** CloudFormation creates a new resource and deletes the old one. */
  REPLACED = 'REPLACED',
  /**
   * CloudFormation replaces the resource for some values of the change (the specification says
   * "maybe"), or the changed value is a function this check cannot read. Judged like a replacement.
   */
  MAY_BE_REPLACED = 'MAY_BE_REPLACED',
  /** The resource is no longer in the template: CloudFormation deletes it (or keeps it outside the stack, when retained). */
  REMOVED = 'REMOVED',
  /**
   * CloudFormation updates the resource in place, and the service refuses the update (a Kubernetes
   * version that goes down, for example): the deployment fails and rolls back.
   */
  REFUSED = 'REFUSED',
}

/**
 * How to read the two templates.
 */
export interface CompareOptions {
  /**
   * Values of the templates' parameters, by name, as given to the deployment (a list parameter as
   * its comma-separated text). Pseudo parameters (`AWS::Region`, `AWS::AccountId`...) may be given too.
   *
   * @default - each parameter's Default; a parameter with none stays unknown
   */
  readonly parameters?: { [name: string]: string };
}

/** Beyond this many combinations of undecided conditions, the rest stay functions ("may replace"). */
const MAX_SCENARIOS = 64;

/**
 * A resource that a template change replaces or removes, and why.
 */
export interface ResourceReplacement {
  /** The resource's logical id. */
  readonly logicalId: string;
  /** Its CloudFormation type, in the old template. */
  readonly resourceType: string;
  /** Replaced, maybe replaced, or removed. */
  readonly kind: ReplacementKind;
  /**
   * The property whose change causes the replacement, as a path at any depth:
   * `BrokerNodeGroupInfo.ClientSubnets`, `ResourcesVpcConfig.SubnetIds[1]`.
   *
   * @default - none: the resource was removed, or its type changed
   */
  readonly property?: string;
  /**
   * The replaced resource that `property` references (`Ref`, `Fn::GetAtt`, `Fn::Sub`): its new
   * physical id changes the property although the template text does not.
   *
   * @default - none: the property's own value changed
   */
  readonly referencedResource?: string;
  /** Whether the type holds state whose loss the check fails on (`TemplateReplacements.statefulResourceTypes()`). */
  readonly stateful: boolean;
  /** One sentence that says what happens and why. */
  readonly reason: string;
}

type Json = { [key: string]: any };
type SpecDb = ReturnType<typeof loadAwsServiceSpecSync>;
type PropertyType = Json;

let db: SpecDb | undefined;
// About half a second: loaded on first use only, so importing the library costs nothing.
function spec(): SpecDb {
  db ??= loadAwsServiceSpecSync();
  return db;
}

interface Cause {
  readonly property: string;
  readonly kind: ReplacementKind;
  readonly referencedResource?: string;
  readonly why: string;
}

/**
 * Which resources a change from one CloudFormation template to another replaces or removes,
 * judged as CloudFormation would: from the resource specification of `@aws-cdk/aws-service-spec`,
 * for top-level and nested properties at any depth, through references (a replaced resource
 * that a create-only property of another references replaces that one too), and removals.
 *
 * `@aws-cdk/cloudformation-diff` judges top-level properties only: it calls a changed
 * `BrokerNodeGroupInfo.ClientSubnets` of an MSK cluster an update, although the cluster is
 * replaced. This is what a pipeline runs between the deployed template and the new synthesis.
 */
export class TemplateReplacements {
  /**
   * Every resource of `before` that the change to `after` replaces, may replace or removes.
   * Empty when the change only adds resources or updates them in place.
   *
   * Parameters (their defaults, or `options.parameters`), Conditions, `Fn::If` and
   * `Fn::FindInMap` are evaluated first; a condition neither decides is judged both ways, and the
   * worst outcome is kept, with the condition named in its reason.
   *
   * @param before the deployed template (a parsed JSON object)
   * @param after the new template
   * @param options parameter values
   */
  public static compare(before: any, after: any, options: CompareOptions = {}): ResourceReplacement[] {
    const resolvers = [new TemplateResolver(asObject(before), options.parameters), new TemplateResolver(asObject(after), options.parameters)];
    const scenarios = scenariosOf(resolvers);
    const merged = new Map<string, ResourceReplacement>();
    for (const scenario of scenarios) {
      const when = Object.keys(scenario).length === 0 ? '' : ` When ${Object.entries(scenario).map(([c, v]) => `${c} is ${v}`).join(' and ')}.`;
      for (const found of compareResolved(resolvers[0].resolve(scenario), resolvers[1].resolve(scenario))) {
        const known = merged.get(found.logicalId);
        if (known === undefined || STRENGTH[found.kind] > STRENGTH[known.kind]) {
          merged.set(found.logicalId, { ...found, reason: found.reason + when });
        }
      }
    }
    return [...merged.values()];
  }

  /**
   * The resource types whose replacement or removal `compare`'s callers should refuse: cfn-lint's
   * list of stateful types (databases, tables, buckets, file systems, caches, search domains,
   * streams, queues, keys, log groups...) and this library's own (subnets, their IPv6 blocks, NAT
   * gateways and their addresses, VPCs, MSK and EKS clusters, node groups).
   */
  public static statefulResourceTypes(): string[] {
    return Object.keys(STATEFUL_RESOURCE_TYPES);
  }

  private constructor() {}
}

/** How strongly each kind fails a deployment, to keep the worst a scenario finds. */
const STRENGTH: Record<ReplacementKind, number> = {
  [ReplacementKind.REFUSED]: 1,
  [ReplacementKind.MAY_BE_REPLACED]: 2,
  [ReplacementKind.REMOVED]: 3,
  [ReplacementKind.REPLACED]: 4,
};

/**
 * Every combination of the conditions the templates cannot decide (both branches of each `Fn::If`
 * on one, each judged), one condition at a time so that a condition built on another follows it.
 */
function scenariosOf(resolvers: TemplateResolver[]): ConditionScenario[] {
  const done: ConditionScenario[] = [];
  const open: ConditionScenario[] = [{}];
  while (open.length > 0) {
    const scenario = open.shift()!;
    const undecided = [...new Set(resolvers.flatMap(r => r.undecided(scenario)))];
    if (undecided.length === 0 || done.length + open.length + 2 > MAX_SCENARIOS) {
      done.push(scenario);
    } else {
      const [first] = undecided;
      open.push({ ...scenario, [first]: true }, { ...scenario, [first]: false });
    }
  }
  return done;
}

/** The comparison of two templates whose conditions, parameters and mappings are resolved. */
function compareResolved(before: Json, after: Json): ResourceReplacement[] {
  const oldResources: Json = before?.Resources ?? {};
  const newResources: Json = after?.Resources ?? {};
  const found = new Map<string, ResourceReplacement>();
  const record = (logicalId: string, kind: ReplacementKind, reason: string, property?: string, referencedResource?: string) => {
    const resourceType: string = oldResources[logicalId].Type;
    found.set(logicalId, { logicalId, resourceType, kind, property, referencedResource, stateful: isStateful(resourceType), reason });
  };

  for (const [logicalId, old] of Object.entries<Json>(oldResources)) {
    const next = newResources[logicalId];
    if (next === undefined) {
      const retained = ['Retain', 'RetainExceptOnCreate'].includes(old.DeletionPolicy);
      record(logicalId, ReplacementKind.REMOVED, retained
        ? 'It is no longer in the template: CloudFormation leaves it outside the stack (DeletionPolicy Retain).'
        : 'It is no longer in the template: CloudFormation deletes it.');
    } else if (next.Type !== old.Type) {
      record(logicalId, ReplacementKind.REPLACED, `Its type changes from ${old.Type} to ${next.Type}.`);
    } else {
      const cause = directCauses(old.Type, old.Properties, next.Properties)[0];
      const refused = cause ? undefined : refusedUpdate(old.Type, old.Properties, next.Properties);
      if (cause) {
        record(logicalId, cause.kind, cause.why, cause.property);
      } else if (refused) {
        record(logicalId, ReplacementKind.REFUSED, refused.why, refused.property);
      }
    }
  }

  // A replaced resource gets a new physical id: every create-only property that references it
  // changes its value, and the resource holding it is replaced too, and so on.
  let grown = true;
  while (grown) {
    grown = false;
    for (const [logicalId, next] of Object.entries<Json>(newResources)) {
      const known = found.get(logicalId);
      if ((known !== undefined && known.kind !== ReplacementKind.REFUSED) || oldResources[logicalId] === undefined) {
        continue;
      }
      const cause = referenceCauses(next.Type, next.Properties, found)[0];
      if (cause) {
        record(logicalId, cause.kind, cause.why, cause.property, cause.referencedResource);
        grown = true;
      }
    }
  }
  return [...found.values()];
}

function isStateful(resourceType: string): boolean {
  return STATEFUL_RESOURCE_TYPES[resourceType] !== undefined;
}

function resourceProperties(resourceType: string): Json | undefined {
  const found = spec().lookup('resource', 'cloudFormationType', 'equals', resourceType);
  return found.length === 1 ? found[0].properties : undefined;
}

/** The changed properties, at any depth, that make CloudFormation replace the resource. */
function directCauses(resourceType: string, before: Json | undefined, after: Json | undefined): Cause[] {
  const properties = resourceProperties(resourceType);
  const causes: Cause[] = [];
  if (properties !== undefined) {
    changedMembers(properties, before ?? {}, after ?? {}, '', causes);
  }
  return causes;
}

function changedMembers(properties: Json, before: Json, after: Json, path: string, causes: Cause[]) {
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const property = properties[name];
    if (property === undefined || isDeepStrictEqual(before[name], after[name])) {
      continue;
    }
    const at = path + name;
    if (property.causesReplacement === 'yes' || property.causesReplacement === 'maybe') {
      const unsure = dependsOnUnknown(before[name]) || dependsOnUnknown(after[name]);
      const yes = property.causesReplacement === 'yes' && !unsure;
      causes.push({
        property: at,
        kind: yes ? ReplacementKind.REPLACED : ReplacementKind.MAY_BE_REPLACED,
        why: unsure
          ? `${at} may change (its value depends on a parameter, pseudo parameter or condition the templates leave open; give it with --parameters), and CloudFormation replaces the resource when it does.`
          : `${at} changes, and CloudFormation ${yes ? 'replaces' : 'may replace'} the resource when it does.`,
      });
    } else {
      changedValue(property.type, before[name], after[name], at, causes);
    }
  }
}

function changedValue(type: PropertyType, before: unknown, after: unknown, path: string, causes: Cause[]) {
  if (isDeepStrictEqual(before, after)) {
    return;
  }
  switch (type.type) {
    case 'ref':
      if (isIntrinsic(before) || isIntrinsic(after)) {
        opaqueChange(type, path, causes);
      } else {
        changedMembers(spec().get('typeDefinition', type.reference.$ref).properties, asObject(before), asObject(after), `${path}.`, causes);
      }
      return;
    case 'array':
      if (isIntrinsic(before) || isIntrinsic(after)) {
        opaqueChange(type, path, causes);
      } else {
        const b = Array.isArray(before) ? before : [];
        const a = Array.isArray(after) ? after : [];
        for (let i = 0; i < Math.max(b.length, a.length); i++) {
          changedValue(type.element, b[i], a[i], `${path}[${i}]`, causes);
        }
      }
      return;
    case 'map':
      for (const key of new Set([...Object.keys(asObject(before)), ...Object.keys(asObject(after))])) {
        changedValue(type.element, asObject(before)[key], asObject(after)[key], `${path}.${key}`, causes);
      }
      return;
    case 'union':
      for (const member of type.types.filter((t: PropertyType) => t.type === 'ref')) {
        changedValue(member, before, after, path, causes);
      }
      return;
    default:
      return;
  }
}

/** A change to or from a function (`Fn::If`, `Fn::Split`...) cannot be judged member by member. */
function opaqueChange(type: PropertyType, path: string, causes: Cause[]) {
  if (hasReplacingMember(type)) {
    causes.push({
      property: path,
      kind: ReplacementKind.MAY_BE_REPLACED,
      why: `${path} changes to or from a function whose value the template does not tell, and some of its members replace the resource.`,
    });
  }
}

/** Whether a value of this type has a member, at any depth, that replaces the resource. */
function hasReplacingMember(type: PropertyType, seen = new Set<string>()): boolean {
  if (type.type === 'array' || type.type === 'map') {
    return hasReplacingMember(type.element, seen);
  }
  if (type.type === 'union') {
    return type.types.some((t: PropertyType) => hasReplacingMember(t, seen));
  }
  if (type.type !== 'ref' || seen.has(type.reference.$ref)) {
    return false;
  }
  seen.add(type.reference.$ref);
  const definition = spec().get('typeDefinition', type.reference.$ref);
  return Object.values<Json>(definition.properties).some(p => p.causesReplacement === 'yes' || p.causesReplacement === 'maybe' || hasReplacingMember(p.type, seen));
}

/** The create-only properties, at any depth, whose value references a replaced resource. */
function referenceCauses(resourceType: string, values: Json | undefined, replaced: Map<string, ResourceReplacement>): Cause[] {
  const properties = resourceProperties(resourceType);
  const causes: Cause[] = [];
  if (properties !== undefined) {
    referencingMembers(properties, values ?? {}, '', replaced, causes);
  }
  return causes;
}

function referencingMembers(properties: Json, values: Json, path: string, replaced: Map<string, ResourceReplacement>, causes: Cause[]) {
  for (const [name, value] of Object.entries(values)) {
    const property = properties[name];
    if (property === undefined) {
      continue;
    }
    const at = path + name;
    if (property.causesReplacement === 'yes' || property.causesReplacement === 'maybe') {
      const target = referencedIds(value).map(id => replaced.get(id)).find(r => r !== undefined && r.kind !== ReplacementKind.REFUSED);
      if (target) {
        causes.push({
          property: at,
          kind: target.kind === ReplacementKind.REPLACED && property.causesReplacement === 'yes' ? ReplacementKind.REPLACED : ReplacementKind.MAY_BE_REPLACED,
          referencedResource: target.logicalId,
          why: `${at} references ${target.logicalId}, which is ${target.kind === ReplacementKind.REPLACED ? 'replaced' : 'maybe replaced'}: its new id changes ${at}, which replaces this resource.`,
        });
      }
    } else {
      referencingValue(property.type, value, at, replaced, causes);
    }
  }
}

function referencingValue(type: PropertyType, value: unknown, path: string, replaced: Map<string, ResourceReplacement>, causes: Cause[]) {
  if (isIntrinsic(value)) {
    return;
  }
  if (type.type === 'ref') {
    referencingMembers(spec().get('typeDefinition', type.reference.$ref).properties, asObject(value), `${path}.`, replaced, causes);
  } else if (type.type === 'array' && Array.isArray(value)) {
    value.forEach((element, i) => referencingValue(type.element, element, `${path}[${i}]`, replaced, causes));
  } else if (type.type === 'map') {
    for (const [key, element] of Object.entries(asObject(value))) {
      referencingValue(type.element, element, `${path}.${key}`, replaced, causes);
    }
  } else if (type.type === 'union') {
    for (const member of type.types.filter((t: PropertyType) => t.type === 'ref')) {
      referencingValue(member, value, path, replaced, causes);
    }
  }
}

/** The logical ids a value references through `Ref`, `Fn::GetAtt` and `Fn::Sub`, at any depth. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencedIds);
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const ids: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') {
      ids.push(inner);
    } else if (key === 'Fn::GetAtt') {
      ids.push(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(inner) ? inner[0] : inner;
      for (const match of String(text).matchAll(/\$\{([^!}.][^}.]*)(\.[^}]*)?\}/g)) {
        ids.push(match[1]);
      }
      for (const id of referencedIds(Array.isArray(inner) ? inner[1] : undefined)) ids.push(id);
    } else {
      for (const id of referencedIds(inner)) ids.push(id);
    }
  }
  return ids;
}

/**
 * Whether a resolved value still depends on what the templates leave open: a mapping looked up
 * with an unknown key, a condition neither decides, a Systems Manager parameter's value.
 */
function dependsOnUnknown(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(dependsOnUnknown);
  }
  if (value === null || typeof value !== 'object') {
    return false;
  }
  return Object.entries(value).some(([key, inner]) => ['Fn::FindInMap', 'Fn::If', 'Fn::ValueOfSsmParameter'].includes(key) || dependsOnUnknown(inner));
}

/** An object whose single key is `Ref` or `Fn::...`: its value is known only at deployment. */
function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : {};
}
