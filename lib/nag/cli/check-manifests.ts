import * as fs from 'fs';
import { CheckResult, TemplateFinding } from './check-templates';
import { CannotJudgeLevel, judgeTemplate } from '../../engine/judge-template';
import { KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { ClusterIpFamily, looksLikeManifest, manifestFilesOf, manifestTemplate, MANIFEST_CLUSTER, parseManifest, ParsedManifest } from '../../engine/kubernetes/read-manifests';
import { readTemplateFile, TemplateError } from '../../engine/read-template';
import { TemplateModel } from '../../engine/template-model';

/** What a plain manifest is called in findings, in place of the custom resource type the rules judge. */
const MANIFEST = 'Kubernetes manifest';

/**
 * Whether an input of `check` is plain Kubernetes manifests: a YAML or JSON file with `apiVersion`
 * and no `Resources`, or a directory of YAML or JSON files with no CloudFormation template
 * (`*.template.json|yaml`, a cloud assembly's `manifest.json`) in it.
 */
export function isManifestInput(input: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    return false; // checkTemplates names the missing path
  }
  if (stat.isDirectory()) {
    // A directory with neither is a template problem: checkTemplates says what it expected.
    return !hasTemplate(input) && manifestFilesOf(input).length > 0;
  }
  if (/\.template\.(json|ya?ml)$/.test(input)) {
    return false;
  }
  try {
    // Read as templates are (regular files only, bounded): what it refuses, checkTemplates refuses with the reason.
    return looksLikeManifest(readTemplateFile(input));
  } catch {
    return false;
  }
}

function hasTemplate(dir: string): boolean {
  return fs.readdirSync(dir, { withFileTypes: true }).some(e =>
    (e.isFile() && (/\.template\.(json|ya?ml)$/.test(e.name) || e.name === 'manifest.json'))
    || (e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('asset.') && hasTemplate(`${dir}/${e.name}`)));
}

/**
 * Judges plain Kubernetes manifests (files and directories) as the objects of one cluster whose IP
 * family is `ipFamily`; without it, the rules that need it cannot judge. Throws a `TemplateError`
 * (one line) for a file that is not a manifest.
 */
export function checkManifests(inputs: string[], ipFamily: ClusterIpFamily | undefined, cannotJudge: CannotJudgeLevel = 'warning',
  maxBytes?: number): CheckResult {
  const files = inputs.flatMap(input => manifestFilesOf(input).map(file => ({ file, within: file === input ? undefined : input })));
  if (files.length === 0) {
    throw new TemplateError(`${inputs.join(', ')}: no template and no manifest (*.yaml, *.yml, *.json) to check`);
  }
  // Only regular files, inside the directory given, under the size cap: as templates are read.
  const parsed: Array<{ file: string; manifest: ParsedManifest }> = files.map(({ file, within }) =>
    ({ file, manifest: parseManifest(readTemplateFile(file, { maxBytes, within }), file) }));
  const lines = new Map(parsed.map(p => [p.file, p.manifest.lines]));
  const findings: TemplateFinding[] = judgeTemplate(new TemplateModel(manifestTemplate(parsed, ipFamily)), cannotJudge)
    .filter(f => f.logicalId !== MANIFEST_CLUSTER)
    .map(f => {
      const objectPart = /\[([A-Za-z]+::.+)\]$/.exec(f.ruleId)?.[1];
      return {
        template: f.logicalId,
        line: objectPart === undefined ? undefined : lines.get(f.logicalId)?.get(objectPart),
        level: f.level,
        ruleId: f.ruleId,
        prerequisite: f.prerequisite,
        resource: objectPart ?? f.logicalId,
        resourceType: MANIFEST,
        message: f.message.split(`${KUBERNETES_RESOURCE} `).join(`${MANIFEST} `),
      };
    });
  return { templates: files.map(f => f.file), resources: parsed.reduce((n, p) => n + p.manifest.lines.size, 0), findings, acknowledged: 0 };
}
