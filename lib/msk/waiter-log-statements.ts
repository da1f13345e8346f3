import { IResolvable, IResolveContext } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';

/** The two CloudWatch Logs actions of a state machine's logging statement that take resource ARNs. */
const LOG_STREAM_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/**
 * Moves `logs:CreateLogStream` and `logs:PutLogEvents` out of the `'*'` statement aws-cdk-lib's
 * StateMachine gives its role when it logs, onto the one log group it logs to: the log delivery
 * actions left on `'*'` have no resource-level permissions, these two do.
 */
export function scopeStateMachineLogStreams(policy: IConstruct, logGroup: logs.ILogGroup): void {
  const cfn = policy.node.defaultChild as iam.CfnPolicy;
  const document = cfn.policyDocument;
  cfn.policyDocument = new ScopedLogStreams(document, logGroup);
}

/** The policy document, resolved, with the log stream actions on the log group. */
class ScopedLogStreams implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly document: unknown, private readonly logGroup: logs.ILogGroup) {}

  public resolve(context: IResolveContext): unknown {
    const resolved = context.resolve(this.document);
    const statements = (resolved.Statement as Array<{ Action: string | string[]; Resource: unknown }>).flatMap(statement => {
      const actions = typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
      if (statement.Resource !== '*' || !LOG_STREAM_ACTIONS.every(a => actions.includes(a))) {
        return [statement];
      }
      return [
        { ...statement, Action: actions.filter(a => !LOG_STREAM_ACTIONS.includes(a)) },
        // The log group's Arn attribute ends in ':*', which covers its log streams.
        { ...statement, Action: LOG_STREAM_ACTIONS, Resource: context.resolve(this.logGroup.logGroupArn) },
      ];
    });
    return { ...resolved, Statement: statements };
  }

  public toString(): string {
    return 'ScopedLogStreams';
  }
}
