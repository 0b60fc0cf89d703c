import type { Comparison } from './compare.js';
import type { Machine } from './machine.js';
import type { MicroReport } from './micro.js';
import type { BenchOptions } from './options.js';
import type { PeersRun } from './peers/run.js';
import type { Area, HotSpot } from './profile-summary.js';
import type { SoakResult } from './soak.js';

/** One framework's part of a run. */
export interface FrameworkRun {
  readonly framework: string;
  /** Why the statuskit server did not run, when it did not. */
  readonly missing: string | undefined;
  readonly comparison: Comparison | undefined;
  readonly error: string | undefined;
  readonly profiles: ReadonlyArray<{
    readonly server: string;
    readonly hot: HotSpot[];
    readonly areas: readonly Area[];
  }>;
}

/** Everything a run measured: what `--json` writes and the report renders. */
export interface RunResult {
  readonly startedAt: string;
  readonly command: string;
  readonly options: BenchOptions;
  readonly machine: Machine;
  loadAtEnd: string;
  seconds: number;
  micro: MicroReport | undefined;
  microError: string | undefined;
  readonly frameworks: FrameworkRun[];
  /** The peers phase, when it ran. */
  peers: PeersRun | undefined;
  readonly soak: SoakResult[];
  readonly soakErrors: string[];
}
