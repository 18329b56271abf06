/** Errors of the domain, one class per kind; `shared/http/errors.ts` maps them to HTTP answers. */

/** Input that fails validation; `field` names the offending field. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** Missing or wrong credentials. */
export class UnauthorizedError extends Error {
  constructor(message = 'missing or invalid credentials') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/** The thing asked for does not exist (or the link was tampered with). */
export class NotFoundError extends Error {
  constructor(message = 'not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The request conflicts with the current state (for example a survey answered twice). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The thing existed but is no longer available (an answered or expired survey link). */
export class GoneError extends Error {
  constructor(
    message: string,
    readonly reason: 'answered' | 'expired',
  ) {
    super(message);
    this.name = 'GoneError';
  }
}

/** The request body is larger than allowed. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body is larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * A secret the function needs is missing or malformed (for example a hand-edited value in Secrets
 * Manager). Answered as 503 with a message naming the secret, never its value; logged for the operator.
 */
export class SecretsUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SecretsUnavailableError';
  }
}
