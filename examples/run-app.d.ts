// Types of run-app.js, for bench/run.ts.
export interface TranspileOptions {
  readonly outDir: string;
  readonly dirs: string[];
  readonly files?: string[];
  readonly links?: string[];
}
export function transpile(options: TranspileOptions): number;
export function bundle(): string[];
export function prepare(): { entry: string; transpiled: number; bundled: string[] };
