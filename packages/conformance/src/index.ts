export type { AdapterUnderTest, RunningServer, StartOptions } from './adapter.js';
export * from './fixture/index.js';
