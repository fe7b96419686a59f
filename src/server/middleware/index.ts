export { useJsonBody } from './useJsonBody.js';
export { useNoStore } from './useNoStore.js';
export { operationMeasureOf, useOperationLimits } from './useOperationLimits.js';
export { rateLimitOf, useRateLimit, type RateLimitState } from './useRateLimit.js';
export { useSecurityHeaders } from './useSecurityHeaders.js';
export { sendError } from './sendError.js';
