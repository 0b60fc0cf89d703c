export * from './fixture/index.js';
