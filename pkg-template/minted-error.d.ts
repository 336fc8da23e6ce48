
/** What went wrong, coarsely. */
export type MintedErrorKind =
    /** The client configuration is unusable; `field` names the option. */
    | "config"
    /** The request was refused locally, before any network I/O; see `issues`. */
    | "validation"
    /** The server refused the credentials. */
    | "auth"
    /** The API answered with its envelope and `success: false` or an error status; see `code` and `status`. */
    | "api"
    /** The server answered an error status with a body that is not the API's envelope (an HTML page, nothing). */
    | "http"
    /** No HTTP response: unreachable server, refused or reset connection, CORS refusal. */
    | "network"
    /** No response within `timeoutMs`. */
    | "timeout"
    /** The call's `AbortSignal` fired. */
    | "aborted"
    /** A successful response whose body is not what the API documents. */
    | "decode";

/**
 * Every failure of minted-connect. `instanceof MintedError` works in Node and browsers.
 * Nothing secret is ever stored on it: passwords, the Authorization header, CVVs and card tokens are removed and card
 * numbers masked, so it is safe to log, `JSON.stringify` or `util.inspect`.
 */
export declare class MintedError extends Error {
    /** Always `"MintedError"`. */
    readonly name: "MintedError";
    /** What went wrong, coarsely; see {@link MintedErrorKind}. */
    readonly kind: MintedErrorKind;
    /** HTTP status, when a response arrived. */
    readonly status?: number;
    /** The API's own code (a number in its envelope), or the SDK's (`"invalid_config"`, `"invalid_request"`, …). */
    readonly code?: number | string;
    /** Every problem found, for `validation` errors. */
    readonly issues?: ValidationIssue[];
    /** The server's `x-request-id`, when it sent one. */
    readonly requestId?: string;
    /** The response body, redacted and cut to 2 KB. */
    readonly body?: string;
    /** The operation id of the call (`getCustomer`, …). */
    readonly operation?: string;
    /** The configuration option at fault, for `config` errors. */
    readonly field?: string;
    constructor(message: string, details?: Partial<Omit<MintedError, "name" | "message">>);
    /**
     * A plain object with the message and every detail, for `JSON.stringify` and structured logs.
     *
     * ```js
     * catch (err) { logger.error(JSON.stringify(err)); }
     * ```
     */
    toJSON(): Record<string, unknown>;
}
