// @statuskit/core/testing: testing a statuskit app without a server or a
// framework. Each adapter's README shows its framework's own way as well.

export { type InjectRequest, type InjectResponse, inject } from './inject.js';
