/**
 * Plain Kubernetes manifests (YAML, several documents a file, or JSON; `List` kinds), as a CD tool
 * applies them, read into the same form as the manifests of a CDK app: a template with one
 * `Custom::AWSCDK-EKS-KubernetesResource` per file on one cluster whose IP family is the one the
 * user names. The rules then judge them as they judge `cluster.addManifest`.
 *
 * Input is read as carefully as a template (`read-template.ts`, the same YAML parser and shape
 * check): binary content, nesting deeper than `MAX_DEPTH` and YAML alias bombs are refused with a
 * one-line `TemplateError`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { parseSimpleYaml } from './fast-yaml';
import { KUBERNETES_RESOURCE } from './kubernetes-objects';
import { TemplateError } from '../read-template';
import { yamlTooDeep } from '../read-yaml';
import { isObject, TemplateJson } from '../template-model';
import { MAX_DEPTH, shapeProblem } from '../value-shape';

/** The IP family of the cluster plain manifests are applied to, when the user names it. */
export type ClusterIpFamily = 'ipv4' | 'ipv6';

/** The logical id of the cluster the manifests are applied to, in the template they are read into. */
export const MANIFEST_CLUSTER = 'ManifestCluster';

/** What a manifest file holds: its objects, and the line each object starts on. */
export interface ParsedManifest {
  readonly objects: Array<{ [key: string]: any }>;
  /** `Kind::namespace/name` to 1-based line. */
  readonly lines: Map<string, number>;
}

/** Files of a directory that may hold manifests. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Reads the Kubernetes objects of a manifest file's text. Throws a `TemplateError` (one line) for anything else. */
export function parseManifest(text: string, name: string): ParsedManifest {
  const fail = (why: string): never => {
    throw new TemplateError(`${name}: ${why}`);
  };
  if (text.includes('\u0000')) {
    fail('not a Kubernetes manifest (binary content)');
  }
  const json = /^\s*[{[]/.test(text);
  if (!json && yamlTooDeep(text)) {
    fail(`not a Kubernetes manifest: values are nested more than ${MAX_DEPTH} levels deep`);
  }
  const documents: Array<{ value: unknown; line: number }> = [];
  // The subset reader nests no deeper than the indentation yamlTooDeep bounds; the others are checked below.
  let checkDepth = true;
  try {
    const simple = json ? undefined : parseSimpleYaml(text);
    if (json) {
      documents.push({ value: JSON.parse(text), line: 1 });
    } else if (simple !== undefined) {
      documents.push(...simple);
      checkDepth = false;
    } else {
      // js-yaml keeps an alias as the same object: an alias bomb is caught by the shape check below.
      const starts = documentStartLines(text);
      jsYaml.loadAll(text, value => documents.push({ value, line: starts[documents.length] ?? 1 }), { schema: jsYaml.CORE_SCHEMA });
    }
  } catch (e) {
    fail(`not a Kubernetes manifest: it is neither JSON nor YAML (${(e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200)})`);
  }
  const objects: Array<{ [key: string]: any }> = [];
  const lines = new Map<string, number>();
  for (const document of documents) {
    const value = document.value as { [key: string]: any } | null | undefined;
    const line = document.line;
    if (value === null || value === undefined) {
      continue; // an empty document (`---` at the end)
    }
    if (!isObject(value) || typeof value.kind !== 'string') {
      fail(`not a Kubernetes manifest: a document is ${Array.isArray(value) ? 'a list' : typeof value}, not an object with a kind`);
    }
    const shape = checkDepth ? shapeProblem(value, MAX_DEPTH, text.length + 1000) : undefined;
    if (shape !== undefined) {
      fail(`not a Kubernetes manifest: ${shape}`);
    }
    objects.push(value);
    const items = value.kind.endsWith('List') && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) {
      const meta = isObject(item) && isObject(item.metadata) ? item.metadata : {};
      const objectName = typeof meta.namespace === 'string' ? `${meta.namespace}/${meta.name}` : String(meta.name ?? '(unnamed)');
      if (isObject(item) && typeof item.kind === 'string') {
        lines.set(`${item.kind}::${objectName}`, line);
      }
    }
  }
  return { objects, lines };
}

/** The 1-based line each YAML document starts on: after each `---`, and line 1 unless the text opens with one. */
function documentStartLines(text: string): number[] {
  const starts: number[] = [];
  const lines = text.split('\n');
  const first = lines.findIndex(l => l.trim() !== '' && !l.trimStart().startsWith('#'));
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      starts.push(i + 2);
    } else if (i === first) {
      starts.push(i + 1);
    }
  });
  return starts;
}

/** Whether a file's text is a Kubernetes manifest rather than a CloudFormation template. */
export function looksLikeManifest(text: string): boolean {
  const json = /^\s*[{[]/.test(text);
  return json ? /"apiVersion"\s*:/.test(text) && !/"Resources"\s*:/.test(text) : /^(apiVersion|kind)\s*:/m.test(text) && !/^Resources\s*:/m.test(text);
}

/** The manifest files of an input: the file, or the YAML and JSON files of a directory and its subdirectories. */
export function manifestFilesOf(input: string): string[] {
  if (!fs.statSync(input).isDirectory()) {
    return [input];
  }
  const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).sort(byName).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.name.startsWith('.')) {
      return [];
    }
    return entry.isDirectory() ? walk(file) : entry.isFile() && MANIFEST_FILE.test(entry.name) ? [file] : [];
  });
  return walk(input);
}

/**
 * The template the rules judge for plain manifests: each file a manifest resource on one cluster.
 * The cluster's IP family is the one given; without one it is a value the template does not
 * define, so every rule that needs it cannot judge (never a pass).
 */
export function manifestTemplate(files: Array<{ file: string; manifest: ParsedManifest }>, ipFamily?: ClusterIpFamily): TemplateJson {
  const resources: { [id: string]: any } = {
    [MANIFEST_CLUSTER]: {
      Type: 'AWS::EKS::Cluster',
      Properties: { KubernetesNetworkConfig: { IpFamily: ipFamily ?? { 'Fn::ImportValue': 'the cluster\'s IP family: give --ip-family ipv6 or ipv4' } } },
    },
  };
  for (const { file, manifest } of files) {
    resources[file] = {
      Type: KUBERNETES_RESOURCE,
      Properties: { ClusterName: { Ref: MANIFEST_CLUSTER }, Manifest: manifest.objects },
    };
  }
  return { Resources: resources };
}
