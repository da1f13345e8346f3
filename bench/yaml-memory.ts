/**
 * The YAML benchmark: the engine reads (`readTemplate`, what `check` and `replacements` run) a
 * YAML template of 20 MB and one of 100 MB, and `check` judges it, as YAML and as the same
 * template in JSON, each in a fresh process; it reports the seconds and the peak memory against
 * the input's size. The templates are generated:
 * subnets written with the short forms (`!Ref`, `!GetAtt A.B`, `!Select`, `!Cidr`, `!Sub`), about
 * ten values per line, denser than CDK's output. A script, not a test (see bench/README.md).
 *
 *   npx ts-node --transpile-only bench/yaml-memory.ts [--sizes 20,100]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTemplate } from '../lib/engine/read-template';

const ROOT = path.resolve(__dirname, '..');

/**
 * A YAML template of at least `mb` MB. `unique`: every subnet refers to a VPC of its own, so no
 * expression repeats and the reader can share nothing but strings (its worst case); otherwise all
 * refer to one VPC, as in a real template, and the reader keeps each repeated expression once.
 */
export function yamlTemplate(mb: number, unique = false): string {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env:', '    Type: String', '    Default: prod', 'Resources:',
    '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties:', '      CidrBlock: 10.0.0.0/16'];
  let size = parts.join('\n').length;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const vpc = unique ? `Vpc${i}` : 'Vpc';
    const block = [
      `  Subnet${i}:`,
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      `      VpcId: !Ref ${vpc}`,
      `      CidrBlock: !Select [${i % 256}, !Cidr [!GetAtt ${vpc}.CidrBlock, 256, 8]]`,
      `      Ipv6CidrBlock: !Select [${i % 256}, !Cidr [!Select [0, !GetAtt ${vpc}.Ipv6CidrBlocks], 256, 64]]`,
      `      AvailabilityZone: !Select [${i % 3}, !GetAZs ""]`,
      '      Tags:',
      '        - Key: Name',
      `          Value: !Sub "\${Env}-subnet-${i}"`,
    ].join('\n');
    parts.push(block);
    size += block.length + 1;
  }
  return parts.join('\n') + '\n';
}

interface Figures {
  readonly what: string;
  readonly mb: number;
  readonly resources: number;
  readonly seconds: number;
  readonly idleMb: number;
  readonly peakMb: number;
}

/** `read`: the engine's `readTemplate`; `check`: the whole `cdk-ipv6-ready check --format json`. */
function measure(file: string, what: 'read' | 'check'): Figures & { mb: number } {
  const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js', { paths: [ROOT] }), '--transpile-only',
    path.join(__dirname, 'yaml-parse-process.ts'), file, ...(what === 'check' ? ['--check'] : [])],
  { cwd: ROOT, encoding: 'utf-8', maxBuffer: 16 * 1024 * 1024 });
  const result = run.status === 0 ? JSON.parse(run.stdout.trim().split('\n').pop()!) : undefined;
  if (result === undefined || (what === 'check' && result.code === 2)) {
    throw new Error(`${what} of ${file} failed (exit ${run.status ?? run.signal}): ${run.stderr.split('\n').slice(0, 5).join('\n')}`);
  }
  return {
    what,
    mb: fs.statSync(file).size / 1024 / 1024,
    resources: result.resources,
    seconds: result.seconds,
    idleMb: result.idleRssKb / 1024,
    peakMb: result.maxRssKb / 1024,
  };
}

function main() {
  const flag = process.argv.indexOf('--sizes');
  const sizes = flag < 0 ? [20, 100] : process.argv[flag + 1].split(',').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-memory-'));
  try {
    const rows: Figures[] = [];
    for (const mb of sizes) {
      const file = path.join(dir, `template-${mb}mb.yaml`);
      fs.writeFileSync(file, yamlTemplate(mb));
      rows.push(measure(file, 'read'), measure(file, 'check'));
      const unique = path.join(dir, `template-${mb}mb-unique.yaml`);
      fs.writeFileSync(unique, yamlTemplate(mb, true));
      rows.push({ ...measure(unique, 'read'), what: 'read, no expression repeated' });
      fs.rmSync(unique);
      // The same template as JSON, judged by the same check: what the judging costs without YAML.
      const json = path.join(dir, `template-${mb}mb.template.json`);
      fs.writeFileSync(json, JSON.stringify(readTemplate(file, { maxBytes: 1024 * 1024 * 1024 }).template));
      fs.rmSync(file);
      rows.push({ ...measure(json, 'check'), what: `check, as JSON (${(fs.statSync(json).size / 1024 / 1024).toFixed(0)} MB)`, mb });
      fs.rmSync(json);
    }
    console.log('| YAML input | Work | Resources | Seconds | Idle process | Peak | Peak − idle | (Peak − idle) / input |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.mb.toFixed(1)} MB | ${r.what} | ${r.resources} | ${r.seconds.toFixed(1)} | ${r.idleMb.toFixed(0)} MB | ${r.peakMb.toFixed(0)} MB | `
        + `${(r.peakMb - r.idleMb).toFixed(0)} MB | ${((r.peakMb - r.idleMb) / r.mb).toFixed(1)}x |`);
    }
    // The slope between the smallest and the largest size: what each further megabyte of YAML
    // costs, free of the constants (V8's young generation, a few tens of MB once a process allocates fast).
    for (const what of ['read', 'read, no expression repeated', 'check']) {
      const [a, b] = [rows.find(r => r.what === what)!, [...rows].reverse().find(r => r.what === what)!];
      if (a !== b) {
        console.log(`${what}: ${((b.peakMb - b.idleMb - (a.peakMb - a.idleMb)) / (b.mb - a.mb)).toFixed(1)} MB of memory per further MB of YAML`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main();
}
