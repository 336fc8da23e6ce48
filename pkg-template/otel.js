// minted-connect/otel: every call of a client as an OpenTelemetry client span, through the client's `observers`
// option. The span is named `<method> <route template>` (`GET /partner/customer/{external_customer_id}`), carries the
// HTTP semantic-convention attributes and the SDK's own (`minted.*`), and records retries and order look-ups as events
// and a failure as the error's kind. Nothing secret reaches an attribute: URLs carry no credentials, and the errors'
// messages are the SDK's redacted ones.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/** The instrumentation scope: this package and its version (written by scripts/build-pkg.mjs). */
const SCOPE = { name: 'minted-connect', version: '__VERSION__' };

/**
 * An observer for `new MintedClient({ observers: [openTelemetry()] })`: each call becomes a client span, a child of
 * the span active where the call was made.
 *
 * @param {{ tracerProvider?: import('@opentelemetry/api').TracerProvider, tracer?: import('@opentelemetry/api').Tracer }} [options]
 */
export function openTelemetry(options = {}) {
  const tracer = options.tracer ?? (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE.name, SCOPE.version);
  return {
    callStarted(call) {
      const url = new URL(call.url);
      const span = tracer.startSpan(`${call.method} ${call.route}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': call.method,
          'url.template': call.route,
          'url.full': call.url,
          'url.scheme': url.protocol.replace(':', ''),
          'server.address': url.hostname,
          'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
          'minted.operation': call.operation,
        },
      });
      return {
        retrying(retry) {
          span.addEvent(retry.lookup ? 'minted.lookup' : 'minted.retry', {
            'minted.attempt': retry.attempt,
            'minted.delay_ms': retry.delayMs,
            'minted.reason': retry.reason,
          });
        },
        ended(end) {
          span.setAttribute('minted.attempts', end.attempts);
          span.setAttribute('minted.reconciled', end.reconciled === true);
          if (end.attempts > 1) span.setAttribute('http.request.resend_count', end.attempts - 1);
          if (end.status !== undefined) span.setAttribute('http.response.status_code', end.status);
          if (end.requestId !== undefined) span.setAttribute('minted.request_id', end.requestId);
          if (end.error) {
            span.setAttribute('error.type', end.error.kind);
            span.recordException({ name: 'MintedError', message: end.error.message });
            span.setStatus({ code: SpanStatusCode.ERROR, message: end.error.message });
          }
          span.end();
        },
      };
    },
  };
}
