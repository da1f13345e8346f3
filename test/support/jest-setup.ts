// aws-cdk-lib 2.276 checks every synthesized template against the CloudFormation schemas, which
// takes most of a unit test's time when a test file synthesizes dozens of small apps. Unit tests
// run without it; test/cloudformation-validation.test.ts runs it on every construct's default
// configuration and on the reference architecture.
process.env.CDK_VALIDATION = 'false';
