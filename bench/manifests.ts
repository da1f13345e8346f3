/**
 * The manifest benchmark: `cdk-ipv6-ready check DIR --ip-family ipv6` on a directory of 5,000
 * Kubernetes manifests (YAML, one to three documents each: Deployments, Services of type
 * LoadBalancer, Ingresses, StorageClasses, ConfigMaps, a few with mistakes), in a fresh `node`
 * process as a CI job runs it (startup included). Target: under 1 s. Writes
 * bench/manifests-report.md and bench/manifests-report.json and prints the report.
 * A script, not a test (see bench/README.md).
 *
 *   npx ts-node --transpile-only bench/manifests.ts [--runs N] [--files N]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BUILD, precompile, ROOT } from './run';

const TARGET_SECONDS = 1;

function deployment(i: number, windows: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 50}
  labels:
    app: app-${i}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
${windows ? '      nodeSelector:\n        kubernetes.io/os: windows\n' : ''}      containers:
        - name: app
          image: public.ecr.aws/nginx/nginx:stable
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
          env:
            - name: MODE
              value: production
`;
}

function service(i: number, dualStack: boolean): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 50}
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: external
    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
    service.beta.kubernetes.io/aws-load-balancer-ip-address-type: dualstack
    service.beta.kubernetes.io/aws-load-balancer-scheme: internal
spec:
  type: LoadBalancer
${dualStack ? '  ipFamilyPolicy: PreferDualStack\n' : ''}  selector:
    app: app-${i}
  ports:
    - port: 443
      targetPort: 8080
`;
}

function ingress(i: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app-${i}
  namespace: team-${i % 50}
  annotations:
    alb.ingress.kubernetes.io/target-type: ip
    alb.ingress.kubernetes.io/ip-address-type: dualstack
    alb.ingress.kubernetes.io/scheme: internet-facing
spec:
  ingressClassName: alb
  rules:
    - host: app-${i}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app-${i}
                port:
                  number: 443
`;
}

/** `count` manifest files; one in 100 has a mistake (a Windows pod or a dual-stack Service). */
export function writeManifests(dir: string, count: number): number {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const mistake = i % 100 === 2;
    const documents = i % 5 === 0 ? [`apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3-${i}\nprovisioner: ebs.csi.aws.com\n`]
      : i % 5 === 1 ? [`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: team-${i % 50}\ndata:\n  key: value-${i}\n`]
        : [deployment(i, mistake), service(i, mistake && i % 200 === 2), ...i % 5 === 2 ? [ingress(i)] : []];
    const text = documents.join('---\n');
    bytes += text.length;
    const sub = path.join(dir, `team-${i % 50}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `app-${i}.yaml`), text);
  }
  return bytes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const runs = arg('--runs', 5);
  const files = arg('--files', 5_000);
  process.stderr.write('Transpiling lib/ to bench/.build ...\n');
  precompile(['bench/check-process.ts']);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-manifests-'));
  try {
    const bytes = writeManifests(scratch, files);
    const seconds: number[] = [];
    const cpu: number[] = [];
    let maxRssKb = 0;
    let result: { code: number; maxRssKb: number; cpuSeconds: number } = { code: -1, maxRssKb: 0, cpuSeconds: 0 };
    for (let i = 0; i <= runs; i++) {
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [path.join(BUILD, 'bench/check-process.js'), 'check', '--format', 'json', scratch, '--ip-family', 'ipv6'],
        { cwd: ROOT, encoding: 'utf-8' });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      result = JSON.parse(run.stdout.trim().split('\n').pop()!);
      if (i > 0) { // the first run warms the file system cache, unmeasured
        seconds.push(elapsed);
        cpu.push(result.cpuSeconds);
        maxRssKb = Math.max(maxRssKb, result.maxRssKb);
      }
    }
    const time = median(seconds);
    const cpuTime = median(cpu);
    const md = [
      '# Manifest benchmark',
      '',
      `${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}, load average ${os.loadavg().map(l => l.toFixed(2)).join(' ')}. `
        + `Median of ${runs} runs after one unmeasured warm-up; each a fresh \`node\` process running \`check --format json DIR --ip-family ipv6\` (startup included).`,
      '',
      '| Target | Pass | Figure |',
      '|---|---|---|',
      `| check, ${files} manifests: < ${TARGET_SECONDS} s | ${time < TARGET_SECONDS ? 'yes' : 'NO'} | ${time.toFixed(2)} s wall (runs: ${seconds.map(s => s.toFixed(2)).join(', ')}); `
        + `${cpuTime.toFixed(2)} s CPU (user + system, startup included) |`,
      '',
      `${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MB of YAML; peak memory ${(maxRssKb / 1024).toFixed(0)} MB; exit code ${result.code} (the mistakes are errors).`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(__dirname, 'manifests-report.md'), md);
    fs.writeFileSync(path.join(__dirname, 'manifests-report.json'), JSON.stringify({ files, bytes, seconds, median: time, cpuSeconds: cpu, medianCpu: cpuTime, maxRssKb, exitCode: result.code }, undefined, 2));
    console.log(md);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main();
}
