/** The service's one error type: a stable code (api.ts ERROR_STATUS or a verifier reason), its HTTP status. */
import { ERROR_STATUS, type ServiceErrorCode } from './api.js';

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode | string,
    message: string,
    readonly status: number = ERROR_STATUS[code as ServiceErrorCode] ?? 422,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const fail = (code: ServiceErrorCode | string, message: string, status?: number, detail?: string): never => {
  throw new ServiceError(code, message, status, detail);
};
