/**
 * `cdk-ipv6-ready check` in a process of its own, for bench/engine.ts: runs the command on the
 * arguments, discards its output, and prints its exit code and peak resident memory.
 */
import { main } from '../lib/nag/cli/main';

const code = main(process.argv.slice(2), () => undefined, () => undefined);
const usage = process.resourceUsage();
// CPU seconds (user + system, startup included) tell the work from the wait on a shared machine.
console.log(JSON.stringify({ code, maxRssKb: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
