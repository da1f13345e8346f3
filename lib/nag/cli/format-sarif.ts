import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CheckResult, TemplateFinding } from './check-templates';
import { FormatOptions } from './format-options';
import { UNREAD_NESTED_STACK } from './unread-nested-stack';
import { CANNOT_JUDGE, PACK_NAME } from '../../engine/judge-template';
import { ALL_PREREQUISITES } from '../../prerequisites';
import { explanationOf, Prerequisite } from '../../prerequisites/prerequisite';

/**
 * The findings as a SARIF 2.1.0 log (GitHub code scanning shows it in pull requests).
 *
 * - A result's `ruleId` is the prerequisite's (`Ipv6Ready-MSK-IPV6-3`), or for a value a rule
 *   cannot follow, one id per rule (`Ipv6Ready-CannotJudge[MSK-IPV6-3]`), so that code scanning
 *   never merges the findings of different rules. The granular finding id, which acknowledgements
 *   name, is in its properties.
 * - `partialFingerprints` hash the finding id (rule and granular part), the template's file name
 *   and the logical id: the same finding on the next run is the same alert, and two findings are
 *   never one.
 * - URIs are percent-encoded relative references (RFC 3986), as the schema's `uri` format needs.
 * - The construct path (`aws:cdk:path`) is a logical location. With `sourceRoot`, a result whose
 *   construct's creation stack trace is in the cloud assembly points at the first frame under the
 *   source root, outside node_modules; the template stays as a related location.
 */
export function formatSarif(result: CheckResult, options: FormatOptions = {}): string[] {
  const rules = [
    ...ALL_PREREQUISITES.map(p => ruleOf(p)),
    ...ALL_PREREQUISITES.map(cannotJudgeRuleOf),
    ruleOf(UNREAD_NESTED_STACK),
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return [JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk-ipv6-ready', informationUri: 'https://github.com/cdk-ipv6-ready/cdk-ipv6-ready', rules } },
      ...(options.sourceRoot === undefined ? {} : { originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(path.resolve(options.sourceRoot)).href.replace(/\/?$/, '/')}` } } }),
      results: result.findings.map(f => {
        const ruleId = sarifRuleId(f);
        const template = {
          physicalLocation: {
            artifactLocation: { uri: uriOf(path.relative(process.cwd(), path.resolve(f.template))) },
            ...(f.line === undefined ? {} : { region: { startLine: f.line } }),
          },
        };
        const source = options.sourceRoot === undefined ? undefined : sourceFrame(f.trace, options.sourceRoot);
        return {
          ruleId,
          ruleIndex: index.get(ruleId),
          level: f.level === 'info' ? 'note' : f.level,
          message: { text: f.message },
          locations: [{
            physicalLocation: source ?? template.physicalLocation,
            logicalLocations: [
              { name: f.resource, kind: 'resource', fullyQualifiedName: `Resources.${f.resource}` },
              ...(f.constructPath === undefined ? [] : [{ name: f.constructPath.split('/').pop(), kind: 'object', fullyQualifiedName: f.constructPath }]),
            ],
          }],
          ...(source === undefined ? {} : { relatedLocations: [{ id: 0, ...template, message: { text: 'the synthesized template' } }] }),
          partialFingerprints: { 'ipv6ReadyFinding/v1': fingerprint(f) },
          properties: {
            findingId: f.ruleId,
            resourceType: f.resourceType,
            ...(f.constructPath === undefined ? {} : { constructPath: f.constructPath }),
          },
        };
      }),
    }],
  }, undefined, 2)];
}

/** The SARIF rule: the prerequisite's, or the CannotJudge rule of that prerequisite. */
function sarifRuleId(f: TemplateFinding): string {
  return f.ruleId.startsWith(`${PACK_NAME}-${CANNOT_JUDGE}[`) ? `${PACK_NAME}-${CANNOT_JUDGE}[${f.prerequisite.id}]` : `${PACK_NAME}-${f.prerequisite.id}`;
}

function fingerprint(f: TemplateFinding): string {
  return createHash('sha256').update([f.ruleId, path.basename(f.template), f.resource].join('\u0000')).digest('hex');
}

/** A relative path as a URI reference: each segment percent-encoded (space, #, %, non-ASCII...). */
export function uriOf(relative: string): string {
  return relative.split(path.sep).map(segment => encodeURIComponent(segment)).join('/');
}

/**
 * The first frame of a construct's creation stack trace that is a file under `sourceRoot` and not
 * in node_modules, as a SARIF physical location; `undefined` when the trace has none.
 */
function sourceFrame(trace: readonly string[] | undefined, sourceRoot: string) {
  const root = path.resolve(sourceRoot);
  for (const frame of trace ?? []) {
    const match = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/.exec(frame);
    if (!match) continue;
    const file = path.resolve(match[1].trim());
    const relative = path.relative(root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative) || relative.split(path.sep).includes('node_modules')) continue;
    return {
      artifactLocation: { uri: uriOf(relative), uriBaseId: 'SRCROOT' },
      region: { startLine: Number(match[2]), startColumn: Number(match[3]) },
    };
  }
  return undefined;
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

function cannotJudgeRuleOf(p: Prerequisite) {
  return {
    id: `${PACK_NAME}-${CANNOT_JUDGE}[${p.id}]`,
    shortDescription: { text: `${PACK_NAME}-${p.id} needs a value that the template does not define (a parameter, an import or an expression).` },
    fullDescription: { text: `The prerequisite could not be judged from the template: ${p.statement} ${explanationOf(p)}` },
    help: { text: `Check by hand that ${p.statement.charAt(0).toLowerCase()}${p.statement.slice(1)} Then acknowledge ${PACK_NAME}-${CANNOT_JUDGE}[${p.id}] with the reason.` },
    defaultConfiguration: { level: 'warning' },
  };
}
