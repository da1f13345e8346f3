/**
 * The baseline (baseline-app.ts) with the cdk-nag packs the README's `npx cdk synth` runs,
 * AwsSolutionsChecks and Ipv6ReadinessChecks: the like-for-like comparison for the main job. The
 * baseline has unacknowledged findings, so they are reported, not thrown: the rule work is the same.
 */
import { Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { baselineApp } from './baseline-app';
import { Ipv6ReadinessChecks } from '../lib';

const app = baselineApp({ context: { [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new Ipv6ReadinessChecks(app, { verbose: true }));
app.synth();
