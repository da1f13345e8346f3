import * as path from 'path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { HANDLER_ROLE_ARN_VARIABLE } from './dual-stack-switch-environment';
import {
  FRAMEWORK_TOTAL_TIMEOUT_SECONDS, IS_COMPLETE_TIMEOUT_SECONDS, ON_EVENT_TIMEOUT_SECONDS, QUERY_INTERVAL_SECONDS,
} from './dual-stack-switch-timing';
import { scopeStateMachineLogStreams } from './waiter-log-statements';
import { awsManagedPolicyFinding, functionVersionsFinding, wildcardResourceFinding } from '../core/aws-solutions-findings';
import { logEncryptionKey } from '../core/log-encryption-key';

const PROVIDER_ID = 'Ipv6ReadyMskDualStackSwitchProvider';

/**
 * The one Provider-framework provider of a stack that switches MSK clusters to dual-stack: every
 * `MskDualStackSwitch` of the stack shares its two functions, and adds its own cluster's
 * permissions to their role.
 */
export class DualStackSwitchProvider extends Construct {
  /** The stack's provider, created on first use. */
  public static of(scope: Construct): DualStackSwitchProvider {
    const stack = Stack.of(scope);
    return stack.node.tryFindChild(PROVIDER_ID) as DualStackSwitchProvider | undefined ?? new DualStackSwitchProvider(stack, PROVIDER_ID);
  }

  /** The service token of the custom resources. */
  public readonly serviceToken: string;
  /** The role of the handler functions, which each switch grants its cluster's actions to. */
  public readonly handlerRole: iam.IRole;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    // The handlers log cluster ARNs and bootstrap broker strings: encrypted, like every log group here.
    const encryptionKey = logEncryptionKey(this, 'LogKey', undefined, 'Encrypts the logs of the MSK dual-stack switch', RemovalPolicy.DESTROY);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
      encryptionKey,
    });
    // Its own role with its own log group, instead of AWSLambdaBasicExecutionRole's logs:* on every group.
    const role = new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    this.handlerRole = role;

    const code = lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'lib', 'msk', 'handlers', 'dual-stack-switch.handler'));
    const handler = (name: string, entry: string, timeoutSeconds: number) => new lambda.Function(this, name, {
      code,
      handler: entry,
      runtime: lambda.Runtime.NODEJS_24_X,
      role,
      logGroup,
      timeout: Duration.seconds(timeoutSeconds),
      // Named in the failure when access stays denied: the Lambda context does not carry the role.
      environment: { [HANDLER_ROLE_ARN_VARIABLE]: role.roleArn },
      description: `cdk-ipv6-ready: switches MSK clusters to dual-stack (${entry})`,
    });

    const onEvent = handler('OnEvent', 'index.onEvent', ON_EVENT_TIMEOUT_SECONDS);
    const isComplete = handler('IsComplete', 'index.isComplete', IS_COMPLETE_TIMEOUT_SECONDS);
    const waiterLogs = new logs.LogGroup(this, 'WaiterLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY, encryptionKey });
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      // The handler's own deadline comes before these run out (see dual-stack-switch-timing.ts).
      queryInterval: Duration.seconds(QUERY_INTERVAL_SECONDS),
      totalTimeout: Duration.seconds(FRAMEWORK_TOTAL_TIMEOUT_SECONDS),
      logGroup: new logs.LogGroup(this, 'ProviderLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY, encryptionKey }),
      // Logged, as AwsSolutions-SF1 asks; off by default in aws-cdk-lib.
      disableWaiterStateMachineLogging: false,
      waiterStateMachineLogOptions: { destination: waiterLogs, level: sfn.LogLevel.ALL },
    });
    scopeStateMachineLogStreams(provider.node.findChild('waiter-state-machine').node.findChild('Role').node.findChild('DefaultPolicy'), waiterLogs);
    this.serviceToken = provider.serviceToken;
    this.acknowledgeFrameworkFindings(provider, [onEvent, isComplete]);
  }

  private acknowledgeFrameworkFindings(provider: cr.Provider, handlers: lambda.Function[]): void {
    // The framework's own functions, invoked by its state machine, are found by their construct ids.
    const framework = ['framework-isComplete', 'framework-onTimeout'].map(id => provider.node.findChild(id) as lambda.Function);
    const invokeGrants = [...handlers, ...framework].map(fn => ({
      id: functionVersionsFinding(fn),
      reason: 'The Provider framework may invoke any version of this provider\'s own function (function ARN:*), nothing else.',
    }));
    const waiterRolePolicy = provider.node.findChild('waiter-state-machine').node.findChild('Role').node.findChild('DefaultPolicy');
    Validations.of(waiterRolePolicy).acknowledge({
      id: wildcardResourceFinding('*'),
      reason: 'CloudWatch Logs\' log delivery actions (logs:CreateLogDelivery and the rest) that Step Functions needs to log the waiter state machine support no resource-level permissions; logs:CreateLogStream and logs:PutLogEvents are on the waiter\'s log group only.',
    });
    Validations.of(provider).acknowledge(...invokeGrants,
      {
        id: awsManagedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
        reason: 'aws-cdk-lib\'s Provider framework gives its own functions this AWS-managed policy, which only lets them write their CloudWatch logs; the cluster actions are on the handler role, scoped to each cluster.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-L1',
        reason: 'aws-cdk-lib\'s Provider framework chooses the runtime of its own functions; the handlers run the newest Node.js runtime.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-SF2',
        reason: 'The Provider framework\'s waiter state machine only polls isComplete every 30 seconds; its executions are logged, and tracing them would add nothing.',
      },
    );
  }
}
