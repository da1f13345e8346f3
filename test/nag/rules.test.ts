import * as fs from 'fs';
import * as path from 'path';

/**
 * Each rule's cases (non-compliant, compliant, cannot judge) are in rules/<rule>.cases.ts, and run
 * here as one suite: every test file loads aws-cdk-lib and cdk-nag again (about 1.4 s of a core),
 * which one file per rule paid 38 times. One rule: `npx jest test/nag/rules -t <file name>`.
 */
const files = fs.readdirSync(path.join(__dirname, 'rules')).filter(f => f.endsWith('.cases.ts')).sort();

test('every rule file is loaded', () => {
  expect(files.length).toBeGreaterThanOrEqual(38);
});

for (const file of files) {
  describe(file.replace(/\.cases\.ts$/, ''), () => {
    // Loaded inside the describe, so that its tests are named after the file; an import cannot be.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(__dirname, 'rules', file));
  });
}
