import { CheckResult } from './check-templates';

/** The findings as one JSON document, for scripts. */
export function formatJson(result: CheckResult): string[] {
  return [JSON.stringify({
    templates: result.templates,
    resources: result.resources,
    acknowledged: result.acknowledged,
    findings: result.findings.map(f => ({
      ruleId: f.ruleId,
      level: f.level,
      template: f.template,
      line: f.line,
      resource: f.resource,
      resourceType: f.resourceType,
      message: f.message,
      constructPath: f.constructPath,
      fix: f.prerequisite.fix,
      source: f.prerequisite.source,
    })),
  }, undefined, 2)];
}
