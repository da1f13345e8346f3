/**
 * `cdk-ipv6-ready check` in a process of its own, for bench/engine.ts: runs the command on the
 * arguments, discards its output, and prints its exit code and peak resident memory.
 */
import { main } from '../lib/nag/cli/main';

const code = main(process.argv.slice(2), () => undefined, () => undefined);
console.log(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }));
