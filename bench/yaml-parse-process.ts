/**
 * One template read and parsed by the engine in a process of its own, for bench/yaml-memory.ts:
 * prints the resources read, the seconds, the process's resident memory before reading, and its peak.
 */
import { parseTemplate, readTemplateFile } from '../lib/engine/read-template';

const idleRssKb = process.resourceUsage().maxRSS;
const started = process.hrtime.bigint();
const text = readTemplateFile(process.argv[2], { maxBytes: 1024 * 1024 * 1024 });
const { template } = parseTemplate(text, process.argv[2]);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const resources = Object.keys(template.Resources ?? {}).length;
console.log(JSON.stringify({ resources, seconds, idleRssKb, maxRssKb: process.resourceUsage().maxRSS }));
