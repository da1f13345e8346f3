import { COMPLIANT } from '../../engine/template-model';
import { Prerequisite } from '../../prerequisites/prerequisite';

/**
 * Not an IPv6 prerequisite but the checker's own limit, reported like one so that it is counted,
 * fails `--strict`, and can be acknowledged: a nested stack whose template the checker could not
 * read (a `TemplateURL` in S3, a missing file, a template copied out of its `cdk.out`) was not
 * judged, and a pass would say more than was checked.
 */
export const UNREAD_NESTED_STACK: Prerequisite = {
  id: 'UnreadNestedStack',
  level: 'warning',
  resourceTypes: ['AWS::CloudFormation::Stack'],
  statement: 'Every nested stack\'s template is checked with its parent.',
  why: 'The resources of a nested stack the checker cannot read are not judged at all.',
  fix: 'Check the whole cdk.out directory (nested templates are files next to their parent), or check the nested template on its own.',
  source: 'cdk-ipv6-ready check (the checker\'s coverage, not an AWS document)',
  evaluate: () => COMPLIANT,
};
