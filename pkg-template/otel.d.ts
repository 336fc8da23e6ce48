/**
 * OpenTelemetry tracing for minted-connect: every call of a client as a client span.
 *
 * ```js
 * import { MintedClient } from 'minted-connect';
 * import { openTelemetry } from 'minted-connect/otel';
 * const client = new MintedClient({ baseUrl, username, password, observers: [openTelemetry()] });
 * ```
 * @packageDocumentation
 * @module minted-connect/otel
 */
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import type { MintedObserver } from 'minted-connect';

/** Where the spans go. Without either, the globally registered tracer provider. */
export interface OpenTelemetryOptions {
    /** The provider to get the `minted-connect` tracer from. */
    tracerProvider?: TracerProvider;
    /** A tracer to use as it is (instead of `tracerProvider`). */
    tracer?: Tracer;
}

/**
 * An observer that makes each call a client span named `<method> <route template>`, a child of the span active where
 * the call was made, with the HTTP semantic-convention attributes (`http.request.method`, `url.template`, `url.full`,
 * `server.address`, `server.port`, `http.response.status_code`, `http.request.resend_count`), `minted.operation`,
 * `minted.attempts`, `minted.request_id` and `minted.reconciled`; retries and order look-ups as span events; a failure
 * as `error.type` (the `MintedError`'s kind), an exception event and an error status.
 */
export declare function openTelemetry(options?: OpenTelemetryOptions): MintedObserver;
