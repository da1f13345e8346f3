/**
 * Day-2 changes of an entry point, judged by the rules of the AWS Load Balancer Controller's
 * validating webhook (kubernetes-sigs/aws-load-balancer-controller,
 * webhooks/elbv2/targetgroupbinding_validator.go) over CloudFormation's update order:
 *
 * - ValidateUpdate / checkImmutableFields: an update may not change spec.targetGroupARN,
 *   spec.targetType, spec.ipAddressType or spec.vpcId;
 * - ValidateCreate / checkExistingTargetGroups: a new binding may not name a target group that any
 *   binding of the cluster already names.
 *
 * CloudFormation creates and updates resources first and deletes the removed ones in its cleanup
 * phase. aws-cdk-lib's kubectl handler (aws-eks-v2 kubectl-handler/apply) runs `kubectl create` on
 * Create, `kubectl apply` on Update (its prune covers no custom resource kinds by default, so the
 * old object stays) and `kubectl delete` on Delete. A target group's ARN is modelled as its logical
 * id and a generation, bumped when a property that the AWS resource specification
 * (@aws-cdk/aws-service-spec) marks "causes replacement" changes.
 */
import { isDeepStrictEqual } from 'util';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import {
  DualStackApplicationLoadBalancedService, DualStackApplicationLoadBalancedServiceProps, DualStackNetworkLoadBalancedService, DualStackVpc,
} from '../../lib';

const KUBERNETES_RESOURCE = 'Custom::AWSCDK-EKS-KubernetesResource';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, any> }> };

interface Variant {
  readonly kind?: 'alb' | 'nlb';
  readonly targetPort?: number;
  readonly service?: { name: string; namespace?: string; port?: number };
  readonly tls?: boolean;
}

const BEFORE: Variant = { targetPort: 8080, service: { name: 'hello', namespace: 'web' } };

function synthesize(variant: Variant): Template {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const vpc = new DualStackVpc(stack, 'Vpc');
  // An imported IPv6 cluster with a kubectl provider: the binding is what is judged here.
  const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', {
    clusterName: 'web',
    ipFamily: eks.IpFamily.IP_V6,
    clusterSecurityGroupId: 'sg-0123456789abcdef0',
    kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(stack, 'Kubectl', {
      serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:kubectl',
    }),
  });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', CERTIFICATE_ARN);
  const common = { vpc, cluster, service: variant.service ?? BEFORE.service!, targetPort: variant.targetPort ?? BEFORE.targetPort };
  if (variant.kind === 'nlb') {
    new DualStackNetworkLoadBalancedService(stack, 'Entry', { ...common, port: 443, certificate: variant.tls ? certificate : undefined });
  } else {
    new DualStackApplicationLoadBalancedService(stack, 'Entry', { ...common, certificate } as DualStackApplicationLoadBalancedServiceProps);
  }
  return app.synth().getStackByName('Stack').template;
}

let replacingProperties: string[] | undefined;
/** The target group properties whose change replaces it, from the AWS resource specification. */
function targetGroupReplacingProperties(): string[] {
  if (replacingProperties === undefined) {
    const db = loadAwsServiceSpecSync();
    const resource = db.lookup('resource', 'cloudFormationType', 'equals', TARGET_GROUP).only();
    replacingProperties = Object.entries(resource.properties).filter(([, p]) => p.causesReplacement === 'yes').map(([name]) => name);
  }
  return replacingProperties;
}

interface Binding {
  readonly key: string;
  readonly spec: { targetGroupARN: string; targetType?: string; ipAddressType?: string; vpcId?: string; serviceRef?: unknown };
}

/** The TargetGroupBinding objects of each kubectl resource; references become `ref:<logical id>`. */
function bindingsOf(template: Template): Map<string, Binding[]> {
  const result = new Map<string, Binding[]>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== KUBERNETES_RESOURCE) continue;
    const manifest = resource.Properties!.Manifest;
    const text = typeof manifest === 'string' ? manifest
      : (manifest['Fn::Join'][1] as unknown[]).map(part => typeof part === 'string' ? part : `ref:${(part as { Ref: string }).Ref}`).join(manifest['Fn::Join'][0]);
    const objects = (JSON.parse(text) as any[]).filter(o => o.kind === 'TargetGroupBinding');
    if (objects.length > 0) {
      result.set(id, objects.map(o => ({ key: `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, spec: o.spec })));
    }
  }
  return result;
}

/** Which target groups a template change replaces, by the specification's replacing properties. */
function replacedTargetGroups(before: Template, after: Template): Set<string> {
  const replaced = new Set<string>();
  for (const [id, resource] of Object.entries(after.Resources)) {
    const old = before.Resources[id];
    if (resource.Type !== TARGET_GROUP || old?.Type !== TARGET_GROUP) continue;
    if (targetGroupReplacingProperties().some(p => !isDeepStrictEqual(old.Properties?.[p], resource.Properties?.[p]))) {
      replaced.add(id);
    }
  }
  return replaced;
}

/**
 * Replays the deployment of `after` over `before` and returns what the webhook or kubectl would
 * refuse, and what is left inconsistent at the end (an empty list: the change deploys).
 */
function deploy(before: Template, after: Template): string[] {
  const replaced = replacedTargetGroups(before, after);
  const arn = (ref: string, generation: 'old' | 'new') => ref.startsWith('ref:')
    ? `${ref.slice(4)}#${generation === 'new' && replaced.has(ref.slice(4)) ? 1 : 0}` : ref;
  const live = new Map<string, Binding['spec']>();
  const oldBindings = bindingsOf(before);
  const newBindings = bindingsOf(after);
  for (const objects of oldBindings.values()) {
    objects.forEach(o => live.set(o.key, { ...o.spec, targetGroupARN: arn(o.spec.targetGroupARN, 'old') }));
  }
  const refusals: string[] = [];
  const create = (o: Binding, spec: Binding['spec']) => {
    const other = [...live.entries()].find(([, s]) => s.targetGroupARN === spec.targetGroupARN);
    if (other !== undefined) {
      refusals.push(`create ${o.key}: TargetGroup ${spec.targetGroupARN} is already bound to TargetGroupBinding ${other[0]}`);
    } else {
      live.set(o.key, spec);
    }
  };
  const update = (o: Binding, spec: Binding['spec']) => {
    const old = live.get(o.key)!;
    const changed = (['targetGroupARN', 'targetType', 'ipAddressType', 'vpcId'] as const).filter(f => old[f] !== spec[f]);
    if (changed.length > 0) {
      refusals.push(`update ${o.key}: TargetGroupBinding update may not change these fields: ${changed.map(f => `spec.${f}`).join(',')}`);
    } else {
      live.set(o.key, spec);
    }
  };
  // Phase 1: creates and updates.
  for (const [id, objects] of newBindings) {
    const previous = oldBindings.get(id);
    const changedResource = previous === undefined || !isDeepStrictEqual(previous, objects)
      || objects.some(o => arn(o.spec.targetGroupARN, 'new') !== arn(o.spec.targetGroupARN, 'old'));
    if (!changedResource) continue;
    for (const o of objects) {
      const spec = { ...o.spec, targetGroupARN: arn(o.spec.targetGroupARN, 'new') };
      if (previous === undefined) {
        // kubectl create: an existing object of the name is an error too.
        if (live.has(o.key)) {
          refusals.push(`create ${o.key}: already exists`);
        } else {
          create(o, spec);
        }
      } else if (live.has(o.key)) {
        update(o, spec);
      } else {
        create(o, spec);
      }
    }
  }
  // Phase 2 (cleanup): the removed kubectl resources delete their objects.
  for (const [id, objects] of oldBindings) {
    if (!newBindings.has(id)) {
      objects.forEach(o => live.delete(o.key));
    }
  }
  // At the end, each binding of the template is live and names its target group's new ARN, and no other binding is left.
  const expected = new Map([...newBindings.values()].flat().map(o => [o.key, arn(o.spec.targetGroupARN, 'new')]));
  for (const [key, spec] of live) {
    if (expected.get(key) !== spec.targetGroupARN) {
      refusals.push(`after cleanup: ${key} names ${spec.targetGroupARN}, ${expected.has(key) ? `not ${expected.get(key)}` : 'and no resource of the stack owns it'}`);
    }
  }
  for (const key of expected.keys()) {
    if (!live.has(key)) refusals.push(`after cleanup: ${key} is missing`);
  }
  return refusals;
}

describe('day-2 changes of an entry point give templates the Load Balancer Controller accepts', () => {
  const before = synthesize(BEFORE);

  test.each<[string, Variant]>([
    ['the target port', { targetPort: 9090 }],
    ['the namespace', { service: { name: 'hello', namespace: 'shop' } }],
    ['the Service name', { service: { name: 'greeter', namespace: 'web' } }],
    ['the Service port', { service: { name: 'hello', namespace: 'web', port: 80 } }],
    ['the namespace and the target port', { targetPort: 9090, service: { name: 'hello', namespace: 'shop' } }],
  ])('ALB: changing %s', (_, change) => {
    const after = synthesize({ ...BEFORE, ...change });
    expect(deploy(before, after)).toEqual([]);
    // Nothing changed: no refusal and no new binding.
    expect(deploy(after, after)).toEqual([]);
  });

  test.each<[string, Variant, Variant]>([
    ['TCP to TLS (the listener protocol)', { kind: 'nlb' }, { kind: 'nlb', tls: true }],
    ['the target port', { kind: 'nlb', tls: true }, { kind: 'nlb', tls: true, targetPort: 9443 }],
    ['the namespace', { kind: 'nlb', tls: true }, { kind: 'nlb', tls: true, service: { name: 'hello', namespace: 'shop' } }],
  ])('NLB: changing %s', (_, from, to) => {
    expect(deploy(synthesize({ ...BEFORE, ...from }), synthesize({ ...BEFORE, ...to }))).toEqual([]);
  });

  test('a changed target port gives a new binding and a new target group, the namespace move too; a Service rename updates in place', () => {
    const ids = (t: Template) => [...bindingsOf(t).keys()];
    expect(ids(synthesize({ ...BEFORE, targetPort: 9090 }))).not.toEqual(ids(before));
    const moved = synthesize({ ...BEFORE, service: { name: 'hello', namespace: 'shop' } });
    expect(ids(moved)).not.toEqual(ids(before));
    expect(replacedTargetGroups(before, moved).size).toEqual(1);
    const renamed = synthesize({ ...BEFORE, service: { name: 'greeter', namespace: 'web' } });
    expect(ids(renamed)).toEqual(ids(before));
    expect(replacedTargetGroups(before, renamed).size).toEqual(0);
  });

  test('the model refuses what the webhook refuses (the old naming: one binding name whatever the target group)', () => {
    // A binding that keeps its name while its target group is replaced, as before this change.
    const keepName = (t: Template): Template => {
      const copy: Template = JSON.parse(JSON.stringify(t));
      for (const [id, r] of Object.entries(copy.Resources)) {
        if (r.Type === KUBERNETES_RESOURCE) {
          delete copy.Resources[id];
          copy.Resources.EntryTargetGroupBinding = JSON.parse(JSON.stringify(r).replace(/stack-entry-[a-z0-9-]+?(?=\\")/, 'stack-entry'));
        }
        if (r.Type === TARGET_GROUP) delete r.Properties!.Name;
      }
      return copy;
    };
    const port = deploy(keepName(before), keepName(synthesize({ ...BEFORE, targetPort: 9090 })));
    expect(port[0]).toMatch(/^update web\/stack-entry: TargetGroupBinding update may not change these fields: spec.targetGroupARN$/);
    const namespace = deploy(keepName(before), keepName(synthesize({ ...BEFORE, service: { name: 'hello', namespace: 'shop' } })));
    expect(namespace[0]).toMatch(/^create shop\/stack-entry: TargetGroup .* is already bound to TargetGroupBinding web\/stack-entry$/);
  });

  test('the listener switches to a new target group only after its binding exists', () => {
    const listener = Object.values(before.Resources as Record<string, any>).find(r => r.Type === 'AWS::ElasticLoadBalancingV2::Listener'
      && r.Properties.Protocol === 'HTTPS');
    expect(listener.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^EntryTargetGroupBinding/)]));
  });

  test('the target group name fits ELB (32 characters, letters, digits and -) and differs per namespace', () => {
    const names = [before, synthesize({ ...BEFORE, service: { name: 'hello', namespace: 'shop' } })]
      .map(t => Object.values(t.Resources).find(r => r.Type === TARGET_GROUP)!.Properties!.Name as string);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]$/);
    }
    expect(new Set(names).size).toEqual(2);
  });
});
