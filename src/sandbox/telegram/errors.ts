import type { ResponseParameters } from "grammy/types";

/** Thrown by method handlers; the server turns it into `{ ok: false, ... }` with the same HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "ApiError";
  }

  toResponse(): ApiErrorResponse {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export interface ApiErrorResponse {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export type ApiResponse = { ok: true; result: unknown } | ApiErrorResponse;

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`);

export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

export const blockedByUser = (): ApiError => new ApiError(403, "Forbidden: bot was blocked by the user");

export const chatNotFound = (): ApiError => badRequest("chat not found");

export const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** What a test asks `failNext` to answer with. */
export interface InjectedFailure {
  error_code: number;
  description?: string;
  retry_after?: number;
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden: bot was blocked by the user",
  404: "Not Found",
  409: "Conflict",
  500: "Internal Server Error",
  502: "Bad Gateway",
};

export function injectedError(failure: InjectedFailure): ApiError {
  if (failure.error_code === 429) {
    const retryAfter = failure.retry_after ?? 1;
    const err = tooManyRequests(retryAfter);
    return failure.description ? new ApiError(429, failure.description, err.parameters) : err;
  }
  const description = failure.description ?? DEFAULT_DESCRIPTIONS[failure.error_code] ?? "Error";
  const parameters = failure.retry_after !== undefined ? { retry_after: failure.retry_after } : undefined;
  return new ApiError(failure.error_code, description, parameters);
}

/** Settles waits and deliveries still open when the fake is closed. */
export class FakeClosedError extends Error {
  constructor(what: string) {
    super(`fake Telegram was closed while ${what}`);
    this.name = "FakeClosedError";
  }
}
