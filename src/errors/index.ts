export { ErrorCode, HTTP_STATUS, isErrorCode } from './errorCodes.js';
export { badUserInput, notFound, forbidden, unauthenticated, queryTooComplex, auditUnavailable } from './apiErrors.js';
export { createFormatError, REQUEST_ID_SYMBOL } from './formatError.js';
