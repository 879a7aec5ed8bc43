import { pythonJsonDumps } from './python-text.js';

/** MLflow's error codes and the HTTP status each maps to (mlflow/exceptions.py). Unknown codes are 500. */
export const MLFLOW_ERROR_STATUS: Record<string, number> = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  CUSTOMER_UNAUTHORIZED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  ABORTED: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/** An error a backend throws; the listener's renderer turns it into the wire format. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status ?? MLFLOW_ERROR_STATUS[code] ?? 500;
  }
}

export const invalidParameter = (message: string) => new ApiError('INVALID_PARAMETER_VALUE', message);
export const notFound = (message: string) => new ApiError('RESOURCE_DOES_NOT_EXIST', message);
export const alreadyExists = (message: string) => new ApiError('RESOURCE_ALREADY_EXISTS', message);
export const badRequest = (message: string) => new ApiError('BAD_REQUEST', message);
export const invalidState = (message: string) => new ApiError('INVALID_STATE', message);
export const internalError = (message: string) => new ApiError('INTERNAL_ERROR', message);
export const notImplemented = (message: string) => new ApiError('NOT_IMPLEMENTED', message);

const DOCS_HINT = ' See the API docs for more information about request parameters.';

export const missingParameter = (name: string) =>
  invalidParameter(`Missing value for required parameter '${name}'.${DOCS_HINT}`);

/** Python's `type(value).__name__` for a JSON value. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

export const invalidValueForParameter = (name: string, value: unknown) =>
  invalidParameter(
    `Invalid value ${pythonJsonDumps(value, true)} for parameter '${name}' supplied:  Hint: Value was of type '${pythonTypeName(value)}'.${DOCS_HINT}`,
  );
