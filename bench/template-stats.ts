/**
 * Reads a synthesized cloud assembly (a cdk.out directory) and counts what the benchmark reports:
 * resources by type, template bytes, Lambda functions, custom resources, layers, assets, nested
 * stacks. Generic: it works on whatever the stacks contain.
 */
import * as fs from 'fs';
import * as path from 'path';

export type Template = { Resources?: Record<string, CfnResource>; [key: string]: unknown };
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One template of the assembly: a stack, or a nested stack inside one. */
export interface LoadedTemplate {
  /** The stack name, or `Parent/NestedLogicalId` for a nested stack. */
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly template: Template;
  /** Construct path (relative to the stack) per logical ID, where the assembly records it. */
  readonly paths: Record<string, string>;
  /** Nested stacks: the logical ID of the AWS::CloudFormation::Stack resource → its template. */
  readonly nested: Record<string, LoadedTemplate>;
}

export interface AssetInfo {
  readonly id: string;
  readonly displayName: string;
  readonly kind: 'file' | 'docker';
  readonly bytes: number;
}

export interface Assembly {
  readonly outdir: string;
  readonly stacks: LoadedTemplate[];
  /** File and Docker image assets, without the stack templates (root and nested). */
  readonly assets: AssetInfo[];
}

/** Loads every stack of a cloud assembly, with its nested stacks and its assets. */
export function loadAssembly(outdir: string): Assembly {
  const manifest = readJson(path.join(outdir, 'manifest.json'));
  const artifacts = (manifest.artifacts ?? {}) as Record<string, any>;
  const stacks: LoadedTemplate[] = [];
  const templateFiles = new Set<string>();
  const assetFiles = new Map<string, any>(); // asset id → entry
  const dockerAssets = new Map<string, any>();

  for (const artifact of Object.values(artifacts)) {
    if (artifact.type === 'cdk:asset-manifest') {
      const assets = readJson(path.join(outdir, artifact.properties.file));
      for (const [id, entry] of Object.entries<any>(assets.files ?? {})) assetFiles.set(id, entry);
      for (const [id, entry] of Object.entries<any>(assets.dockerImages ?? {})) dockerAssets.set(id, entry);
    }
  }
  for (const [name, artifact] of Object.entries(artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const stackName = artifact.displayName ?? name;
    const file = artifact.properties.templateFile as string;
    templateFiles.add(file);
    const paths = logicalIdPaths(outdir, artifact);
    stacks.push(loadTemplate(outdir, stackName, file, paths, assetFiles, templateFiles));
  }

  const assets: AssetInfo[] = [];
  for (const [id, entry] of assetFiles) {
    const source = entry.source?.path as string | undefined;
    if (source === undefined || templateFiles.has(source)) continue;
    assets.push({ id, displayName: entry.displayName ?? source, kind: 'file', bytes: sizeOf(path.join(outdir, source)) });
  }
  for (const [id, entry] of dockerAssets) {
    const dir = entry.source?.directory as string | undefined;
    assets.push({ id, displayName: entry.displayName ?? dir ?? id, kind: 'docker', bytes: dir ? sizeOf(path.join(outdir, dir)) : 0 });
  }
  return { outdir, stacks, assets };
}

function loadTemplate(outdir: string, name: string, file: string, paths: Record<string, string>,
  assetFiles: Map<string, any>, templateFiles: Set<string>): LoadedTemplate {
  const full = path.join(outdir, file);
  const template = readJson(full) as Template;
  const nested: Record<string, LoadedTemplate> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const nestedFile = nestedTemplateFile(resource, assetFiles);
    if (nestedFile === undefined || !fs.existsSync(path.join(outdir, nestedFile))) continue;
    templateFiles.add(nestedFile);
    // A nested stack's own logical IDs are not in the parent's metadata: paths come from
    // the nested template's aws:cdk:path metadata, when present.
    nested[logicalId] = loadTemplate(outdir, `${name}/${logicalId}`, nestedFile, {}, assetFiles, templateFiles);
  }
  const withPathMetadata: Record<string, string> = { ...paths };
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const p = resource.Metadata?.['aws:cdk:path'];
    if (typeof p === 'string' && withPathMetadata[logicalId] === undefined) withPathMetadata[logicalId] = p;
  }
  return { name, file, bytes: fs.statSync(full).size, template, paths: withPathMetadata, nested };
}

/** The cdk.out file of a nested stack's template: from its asset metadata, or by the asset hash in its TemplateURL. */
function nestedTemplateFile(resource: CfnResource, assetFiles: Map<string, any>): string | undefined {
  const fromMetadata = resource.Metadata?.['aws:asset:path'];
  if (typeof fromMetadata === 'string') return fromMetadata;
  const url = JSON.stringify(resource.Properties?.TemplateURL ?? '');
  for (const [id, entry] of assetFiles) {
    if (url.includes(id)) return entry.source?.path;
  }
  return undefined;
}

/** Logical ID → construct path (without the stack's own segment), from the stack's metadata. */
function logicalIdPaths(outdir: string, artifact: any): Record<string, string> {
  const metadata: Record<string, any[]> = { ...(artifact.metadata ?? {}) };
  const extra = artifact.additionalMetadataFile ?? artifact.properties?.additionalMetadataFile;
  if (typeof extra === 'string' && fs.existsSync(path.join(outdir, extra))) {
    Object.assign(metadata, readJson(path.join(outdir, extra)));
  }
  const paths: Record<string, string> = {};
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const entry of entries ?? []) {
      if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
        paths[entry.data] = constructPath.replace(/^\/[^/]+\//, '');
      }
    }
  }
  return paths;
}

// ---- Statistics ---------------------------------------------------------------------------------

export interface CustomResourceKind {
  readonly type: string;
  readonly count: number;
  /** Distinct ServiceToken values: 1 when every resource of the type shares one provider. */
  readonly providers: number;
  /** For `Custom::AWS` (AwsCustomResource): the SDK calls made, `service.action`. */
  readonly sdkCalls: string[];
  /** A native CloudFormation way to do the same, if one is known. */
  readonly nativeAlternative?: string;
}

export interface TemplateStats {
  readonly resources: number;
  readonly resourcesByType: Record<string, number>;
  readonly templateBytes: number;
  readonly templates: number;
  readonly nestedStacks: number;
  readonly lambdaFunctions: string[];
  readonly customResources: number;
  readonly customResourceKinds: CustomResourceKind[];
  readonly layers: { logicalId: string; path?: string; kind: 'kubectl' | 'awscli' | 'other' }[];
  /** Resources that apply Kubernetes manifests or Helm charts through a kubectl provider. */
  readonly kubernetesManifests: number;
  readonly assets: number;
  readonly assetBytes: number;
  readonly dockerImages: number;
}

/** Lambda types counted as functions. */
export const LAMBDA_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];

export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/**
 * Custom resource types, or AwsCustomResource SDK calls (`service.action`, lower case), that
 * CloudFormation can do natively, and how.
 */
export const NATIVE_ALTERNATIVES: Record<string, string> = {
  'Custom::AWSCDKOpenIdConnectProvider': 'AWS::IAM::OIDCProvider',
  'Custom::AWSCDK-EKS-Cluster': 'AWS::EKS::Cluster',
  'Custom::AWSCDK-EKS-FargateProfile': 'AWS::EKS::FargateProfile',
  'Custom::LogRetention': 'AWS::Logs::LogGroup RetentionInDays',
  'Custom::CDKBucketDeployment': 'none for copying files, but it brings the AWS CLI layer',
  'eks.createaddon': 'AWS::EKS::Addon',
  'eks.createaccessentry': 'AWS::EKS::AccessEntry',
  'eks.createpodidentityassociation': 'AWS::EKS::PodIdentityAssociation',
  'eks.createnodegroup': 'AWS::EKS::Nodegroup',
  'ec2.associatevpccidrblock': 'AWS::EC2::VPCCidrBlock',
  'ec2.associatesubnetcidrblock': 'AWS::EC2::SubnetCidrBlock',
  'ec2.createegressonlyinternetgateway': 'AWS::EC2::EgressOnlyInternetGateway',
  'ec2.createtags': 'Tags on the resource',
  'ssm.putparameter': 'AWS::SSM::Parameter',
  'kafka.createclusterv2': 'AWS::MSK::Cluster',
  'kafka.createcluster': 'AWS::MSK::Cluster',
  'logs.putretentionpolicy': 'AWS::Logs::LogGroup RetentionInDays',
};

const MANIFEST_TYPES = ['Custom::AWSCDK-EKS-KubernetesResource', 'Custom::AWSCDK-EKS-HelmChart', 'Custom::AWSCDK-EKS-KubernetesPatch'];

/** All templates of the assembly: every stack and, depth first, its nested stacks. */
export function allTemplates(assembly: Assembly): LoadedTemplate[] {
  const out: LoadedTemplate[] = [];
  const visit = (t: LoadedTemplate) => {
    out.push(t);
    Object.values(t.nested).forEach(visit);
  };
  assembly.stacks.forEach(visit);
  return out;
}

export function templateStats(assembly: Assembly): TemplateStats {
  const templates = allTemplates(assembly);
  const resourcesByType: Record<string, number> = {};
  const lambdaFunctions: string[] = [];
  const layers: TemplateStats['layers'] = [];
  const kinds = new Map<string, { count: number; tokens: Set<string>; calls: Set<string> }>();
  let resources = 0;
  let kubernetesManifests = 0;
  for (const t of templates) {
    for (const [logicalId, r] of Object.entries(t.template.Resources ?? {})) {
      resources++;
      resourcesByType[r.Type] = (resourcesByType[r.Type] ?? 0) + 1;
      const where = `${t.name}/${logicalId}`;
      if (LAMBDA_TYPES.includes(r.Type)) lambdaFunctions.push(where);
      if (r.Type === 'AWS::Lambda::LayerVersion') {
        const p = t.paths[logicalId];
        const text = `${p ?? ''} ${logicalId} ${JSON.stringify(r.Properties?.Description ?? '')}`;
        const kind = /kubectl|helm/i.test(text) ? 'kubectl' : /awscli|aws-cli|\/opt\/awscli/i.test(text) ? 'awscli' : 'other';
        layers.push({ logicalId: where, path: p, kind });
      }
      if (MANIFEST_TYPES.includes(r.Type)) kubernetesManifests++;
      if (isCustomResourceType(r.Type)) {
        const kind = kinds.get(r.Type) ?? { count: 0, tokens: new Set<string>(), calls: new Set<string>() };
        kind.count++;
        kind.tokens.add(JSON.stringify(r.Properties?.ServiceToken ?? null));
        for (const call of sdkCalls(r)) kind.calls.add(call);
        kinds.set(r.Type, kind);
      }
    }
  }
  const customResourceKinds: CustomResourceKind[] = [...kinds.entries()].map(([type, k]) => {
    const calls = [...k.calls].sort();
    const native = NATIVE_ALTERNATIVES[type]
      ?? calls.map(c => NATIVE_ALTERNATIVES[c.toLowerCase()]).find(a => a !== undefined);
    return { type, count: k.count, providers: k.tokens.size, sdkCalls: calls, nativeAlternative: native };
  }).sort((a, b) => a.type.localeCompare(b.type));
  const fileAssets = assembly.assets.filter(a => a.kind === 'file');
  return {
    resources,
    resourcesByType: sortRecord(resourcesByType),
    templateBytes: templates.reduce((n, t) => n + t.bytes, 0),
    templates: templates.length,
    nestedStacks: templates.length - assembly.stacks.length,
    lambdaFunctions,
    customResources: customResourceKinds.reduce((n, k) => n + k.count, 0),
    customResourceKinds,
    layers,
    kubernetesManifests,
    assets: assembly.assets.length,
    assetBytes: assembly.assets.reduce((n, a) => n + a.bytes, 0),
    dockerImages: assembly.assets.length - fileAssets.length,
  };
}

/** The SDK calls of an AwsCustomResource (`Custom::AWS`): `service.action` of Create, Update, Delete. */
export function sdkCalls(resource: CfnResource): string[] {
  const calls: string[] = [];
  for (const key of ['Create', 'Update', 'Delete']) {
    const value = resource.Properties?.[key];
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    // The call is JSON inside a string, possibly split by Fn::Join around tokens.
    const service = /\\?"service\\?"\s*:\s*\\?"([^"\\]+)/.exec(text)?.[1];
    const action = /\\?"action\\?"\s*:\s*\\?"([^"\\]+)/.exec(text)?.[1];
    if (service && action) calls.push(`${service.replace(/^@aws-sdk\/client-/, '')}.${action}`);
  }
  return [...new Set(calls)];
}

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}

/** Bytes of a file, or of every file under a directory. */
export function sizeOf(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(p).reduce((n, child) => n + sizeOf(path.join(p, child)), 0);
}

function sortRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
