import * as fs from 'fs';
import { ReplacementKind, ResourceReplacement, TemplateReplacements } from './template-replacements';

export const REPLACEMENTS_USAGE = `Usage: cdk-ipv6-ready replacements OLD.template.json NEW.template.json

Lists every resource of OLD that deploying NEW replaces, may replace or removes, with the property
that causes it, nested properties and references included. Exit code: 1 when a stateful resource
(${TemplateReplacements.statefulResourceTypes().join(', ')}) is among them, 0 otherwise,
2 when the command is used wrongly. OLD may be the output of
\`aws cloudformation get-template --stack-name NAME\` (its TemplateBody is read).`;

/**
 * `cdk-ipv6-ready replacements OLD NEW`. Returns the exit code; writes with `print`.
 */
export function replacementsCommand(files: string[], print: (line: string) => void): number {
  if (files.length === 1 && ['--help', '-h'].includes(files[0])) {
    print(REPLACEMENTS_USAGE);
    return 0;
  }
  if (files.length !== 2) {
    print(`cdk-ipv6-ready replacements: give two templates, the deployed one and the new one (${files.length} given).`);
    return 2;
  }
  const templates = files.map(readTemplate);
  const problem = templates.find((t): t is string => typeof t === 'string');
  if (problem !== undefined) {
    print(`cdk-ipv6-ready replacements: ${problem}`);
    return 2;
  }
  const found = TemplateReplacements.compare(templates[0], templates[1]);
  for (const replacement of found) {
    print(format(replacement));
  }
  const stateful = found.filter(r => r.stateful).length;
  print(`${found.length} resource${found.length === 1 ? '' : 's'} replaced or removed, ${stateful} of them stateful.`);
  return stateful > 0 ? 1 : 0;
}

/** The parsed template, or what is wrong with the file. */
function readTemplate(file: string): object | string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch {
    return `cannot read ${file}.`;
  }
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `${file} is not JSON. Give a synthesized template (cdk.out/*.template.json), or convert a YAML one first.`;
  }
  // `aws cloudformation get-template` wraps the template.
  const template = parsed?.TemplateBody ?? parsed;
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object') {
    return `${file} has no Resources section: it is not a CloudFormation template.`;
  }
  return template;
}

const LABEL: Record<ReplacementKind, string> = {
  [ReplacementKind.REPLACED]: 'REPLACED',
  [ReplacementKind.MAY_BE_REPLACED]: 'MAY BE REPLACED',
  [ReplacementKind.REMOVED]: 'REMOVED',
};

function format(r: ResourceReplacement): string {
  return `${LABEL[r.kind]} ${r.logicalId} (${r.resourceType}${r.stateful ? ', stateful' : ''})\n  ${r.reason}\n`;
}
