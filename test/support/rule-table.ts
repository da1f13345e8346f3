/**
 * The README's rule table, rendered from the prerequisites catalogue. `npx projen docs:rules`
 * writes it between the `<!-- rules:start -->` and `<!-- rules:end -->` markers of README.md;
 * test/nag/ipv6-readiness-checks.test.ts fails when the README is not what this renders.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_PREREQUISITES } from '../../lib/prerequisites';
import { explanationOf } from '../../lib/prerequisites/prerequisite';

export const README = path.join(__dirname, '..', '..', 'README.md');
const TABLE = /(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/;

export function renderRuleTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = ALL_PREREQUISITES.map(r => `| \`Ipv6Ready-${r.id}\` | ${r.level} | ${r.resourceTypes.map(t => `\`${t}\``).join(', ')} `
    + `| ${cell(r.statement)} | ${cell(explanationOf(r))} |`);
  return ['| id | level | judges | checks | what breaks, fix, source |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

/** The table as the README has it now. */
export function readmeRuleTable(): string | undefined {
  return /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(fs.readFileSync(README, 'utf-8'))?.[1];
}

if (require.main === module) {
  const readme = fs.readFileSync(README, 'utf-8');
  if (!TABLE.test(readme)) {
    throw new Error('README.md has no <!-- rules:start --> ... <!-- rules:end --> markers');
  }
  fs.writeFileSync(README, readme.replace(TABLE, (_, start: string, end: string) => `${start}${renderRuleTable()}${end}`));
}
