/**
 * Domain errors carry a stable code and optional details. Entry points map the
 * code to their own words (an i18n key in the bot, an exit code in the CLI).
 */
export type DomainErrorCode = "not_found" | "conflict" | "forbidden" | "validation";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** Machine-readable reason, e.g. "invite.expired"; the bot turns it into an i18n key. */
    readonly reason: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(`${code}: ${reason}`);
    this.name = "DomainError";
  }
}

export class NotFoundError extends DomainError {
  constructor(reason: string, details?: Record<string, string | number>) {
    super("not_found", reason, details);
  }
}

export class ConflictError extends DomainError {
  constructor(reason: string, details?: Record<string, string | number>) {
    super("conflict", reason, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(reason = "forbidden", details?: Record<string, string | number>) {
    super("forbidden", reason, details);
  }
}

export class ValidationError extends DomainError {
  constructor(reason: string, details?: Record<string, string | number>) {
    super("validation", reason, details);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
