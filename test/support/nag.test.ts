import { App, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { formatFindings, nagApp, NagFinding, nagFindings, nagRuleIds } from './nag';

// What AwsSolutions (cdk-nag 3.0.2) reports for `new s3.Bucket(stack, 'Bucket')` with defaults.
const BUCKET_RULES = ['AwsSolutions-S1', 'AwsSolutions-S10'];

function bucketApp(app: App = nagApp()): { app: App; stack: Stack; bucket: s3.Bucket; logicalId: string } {
  const stack = new Stack(app, 'Stack');
  const bucket = new s3.Bucket(stack, 'Bucket');
  const logicalId = stack.resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
  return { app, stack, bucket, logicalId };
}

describe('nagFindings', () => {
  test('reports each AwsSolutions rule a default bucket breaks, with level, path, logical id and message', () => {
    const { app, logicalId } = bucketApp();

    const findings = nagFindings(app, new AwsSolutionsChecks(app));

    expect(findings).toEqual<NagFinding[]>([
      {
        pack: 'AwsSolutions',
        ruleId: 'AwsSolutions-S1',
        level: 'error',
        path: 'Stack/Bucket/Resource',
        logicalId,
        message: 'The S3 Bucket has server access logs disabled.',
      },
      {
        pack: 'AwsSolutions',
        ruleId: 'AwsSolutions-S10',
        level: 'error',
        path: 'Stack/Bucket/Resource',
        logicalId,
        message: 'The S3 Bucket or bucket policy does not require requests to use SSL.',
      },
    ]);
    expect(logicalId).toMatch(/^Bucket[0-9A-F]{8}$/);
  });

  test('an acknowledgement on the bucket for each reported rule leaves no finding', () => {
    const { app, bucket } = bucketApp();
    for (const id of BUCKET_RULES) {
      Validations.of(bucket).acknowledge({ id, reason: 'test: acknowledged on purpose' });
    }

    const findings = nagFindings(app, new AwsSolutionsChecks(app));

    expect(formatFindings(findings)).toEqual('');
    expect(findings).toEqual([]);
  });

  test('an acknowledgement only removes its own rule, and works from an ancestor (stack)', () => {
    const { app, stack } = bucketApp();
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-S1', reason: 'test: stack-wide' });

    expect(nagRuleIds(nagFindings(app, new AwsSolutionsChecks(app)))).toEqual(['AwsSolutions-S10']);
  });

  test('the plugin-qualified id CDK prints ("AwsSolutions::AwsSolutions-S10") also acknowledges', () => {
    const { app, bucket } = bucketApp();
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions::AwsSolutions-S10', reason: 'test: qualified id' });

    expect(nagRuleIds(nagFindings(app, new AwsSolutionsChecks(app)))).toEqual(['AwsSolutions-S1']);
  });

  test('a plain App (synth would throw ValidationFailed) gives the same findings', () => {
    const { app } = bucketApp(new App());

    expect(nagRuleIds(nagFindings(app, new AwsSolutionsChecks(app)))).toEqual(BUCKET_RULES);
  });

  test('a plain App under CDK_APP_MODE=process does not set process.exitCode (CDK would set it to 1)', () => {
    const { app } = bucketApp(new App());
    const savedExitCode = process.exitCode;
    const savedMode = process.env.CDK_APP_MODE;
    process.env.CDK_APP_MODE = 'process';
    let exitCodeAfter: typeof process.exitCode;
    let modeAfter: string | undefined;
    let ruleIds: string[];
    try {
      ruleIds = nagRuleIds(nagFindings(app, new AwsSolutionsChecks(app)));
    } finally {
      exitCodeAfter = process.exitCode;
      modeAfter = process.env.CDK_APP_MODE;
      process.exitCode = savedExitCode;
      if (savedMode === undefined) delete process.env.CDK_APP_MODE;
      else process.env.CDK_APP_MODE = savedMode;
    }

    expect(ruleIds).toEqual(BUCKET_RULES);
    expect(exitCodeAfter).toEqual(savedExitCode);
    expect(modeAfter).toEqual('process');
  });

  test('an App synthesized before (synth is cached) is validated again', () => {
    const { app, stack } = bucketApp();
    Template.fromStack(stack); // synthesizes and caches the assembly without the pack

    expect(nagRuleIds(nagFindings(app, new AwsSolutionsChecks(app)))).toEqual(BUCKET_RULES);
  });

  test('throws when a pack crashes instead of returning no findings', () => {
    const { app } = bucketApp();
    const broken: IPolicyValidationPlugin = {
      name: 'Broken',
      validate: () => {
        throw new Error('boom');
      },
    };

    expect(() => nagFindings(app, broken)).toThrow(/Validation plugin 'Broken' failed: boom/);
  });

  test('throws when a pack was never invoked (App without stacks)', () => {
    const app = nagApp();

    expect(() => nagFindings(app, new AwsSolutionsChecks(app))).toThrow(/pack 'AwsSolutions' was never invoked/);
  });

  test('non-nag synthesis errors are rethrown', () => {
    const { app, stack } = bucketApp();
    stack.node.addValidation({ validate: () => ['deliberately invalid'] });

    expect(() => nagFindings(app, new AwsSolutionsChecks(app))).toThrow(/deliberately invalid/);
  });
});

describe('formatFindings', () => {
  test('renders one line per finding', () => {
    const findings: NagFinding[] = [
      { pack: 'P', ruleId: 'P-1', level: 'error', path: 'S/A/Resource', logicalId: 'A1234', message: 'first' },
      { pack: 'P', ruleId: 'P-2', level: 'warning', path: 'S/B', message: 'second' },
    ];

    expect(formatFindings(findings)).toEqual('[error] P-1 S/A/Resource (A1234): first\n[warning] P-2 S/B: second');
    expect(formatFindings([])).toEqual('');
  });
});
