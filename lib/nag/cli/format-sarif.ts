import * as path from 'path';
import { CheckResult, TemplateFinding } from './check-templates';
import { CANNOT_JUDGE, PACK_NAME } from '../../engine/judge-template';
import { ALL_PREREQUISITES } from '../../prerequisites';
import { explanationOf, Prerequisite } from '../../prerequisites/prerequisite';

/**
 * The findings as a SARIF 2.1.0 log (GitHub code scanning shows it in pull requests). A result's
 * `ruleId` is the prerequisite's id; the granular finding id, which acknowledgements name, is in
 * its properties.
 */
export function formatSarif(result: CheckResult): string[] {
  const rules = [...ALL_PREREQUISITES.map(ruleOf), cannotJudgeRule()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return [JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk-ipv6-ready', informationUri: 'https://github.com/cdk-ipv6-ready/cdk-ipv6-ready', rules } },
      results: result.findings.map(f => {
        const ruleId = baseRuleId(f);
        return {
          ruleId,
          ruleIndex: index.get(ruleId),
          level: f.level === 'info' ? 'note' : f.level,
          message: { text: f.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: path.relative(process.cwd(), path.resolve(f.template)).split(path.sep).join('/') },
              ...(f.line === undefined ? {} : { region: { startLine: f.line } }),
            },
            logicalLocations: [{ name: f.resource, kind: 'resource', fullyQualifiedName: `Resources.${f.resource}` }],
          }],
          properties: { findingId: f.ruleId, resourceType: f.resourceType },
        };
      }),
    }],
  }, undefined, 2)];
}

function baseRuleId(f: TemplateFinding): string {
  return f.ruleId.startsWith(`${PACK_NAME}-${CANNOT_JUDGE}[`) ? `${PACK_NAME}-${CANNOT_JUDGE}` : `${PACK_NAME}-${f.prerequisite.id}`;
}

function ruleOf(p: Prerequisite) {
  return {
    id: `${PACK_NAME}-${p.id}`,
    shortDescription: { text: p.statement },
    fullDescription: { text: explanationOf(p) },
    help: { text: `Fix: ${p.fix}` },
    defaultConfiguration: { level: p.level },
  };
}

function cannotJudgeRule() {
  return {
    id: `${PACK_NAME}-${CANNOT_JUDGE}`,
    shortDescription: { text: 'A rule needs a value that the template does not define (a parameter, an import or an expression).' },
    fullDescription: { text: 'The prerequisite in brackets of the finding id could not be judged from the template. Check it by hand.' },
    help: { text: 'Check the prerequisite by hand, then acknowledge the finding id with the reason.' },
    defaultConfiguration: { level: 'warning' },
  };
}
