/**
 * One YAML template in a process of its own, for bench/yaml-memory.ts: read and parsed by the
 * engine as `check` and `replacements` read a file (`readTemplate`), or judged by the whole
 * `cdk-ipv6-ready check` (`--check`). Prints the resources read, the seconds, the process's
 * resident memory before the work, and its peak.
 *
 *   yaml-parse-process.ts FILE [--check]
 */
import { readTemplate } from '../lib/engine/read-template';
import { main } from '../lib/nag/cli/main';

const file = process.argv[2];
const idleRssKb = process.resourceUsage().maxRSS;
const started = process.hrtime.bigint();
let resources: number | undefined;
let code: number | undefined;
if (process.argv.includes('--check')) {
  const report: string[] = [];
  code = main(['check', '--format', 'json', '--max-size', '1024', file], line => report.push(line), line => console.error(line));
  // The report's head: parsing the whole report would add its own memory to the figure.
  resources = code === 2 ? undefined : Number(/"resources":\s*(\d+)/.exec(report[0]?.slice(0, 10_000) ?? '')?.[1]);
} else {
  const { template } = readTemplate(file, { maxBytes: 1024 * 1024 * 1024 });
  resources = Object.keys(template.Resources ?? {}).length;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ resources, code, seconds, idleRssKb, maxRssKb: process.resourceUsage().maxRSS }));
