// minted-connect/otel with the OpenTelemetry SDK's in-memory exporter: one client span per call, a child of the
// caller's span, with the HTTP semantic-convention attributes and the SDK's own; retries and look-ups as events; errors
// by kind; no secret in any attribute. Against the in-process sandbox and a scripted server (real HTTP).
//
// The package is linked into tests/js (file:../../pkg): its otel.js finds its peer @opentelemetry/api from the link's
// place only when Node keeps symlinked paths, so this file runs itself again with --preserve-symlinks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

if (!process.execArgv.includes('--preserve-symlinks')) {
  test('minted-connect/otel (run with --preserve-symlinks)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath,
      ['--preserve-symlinks', '--test-reporter=spec', import.meta.filename],
      { env: { ...process.env, NODE_TEST_CONTEXT: '' } }).catch((e) => {
      throw new Error(`${e.message}\n${e.stdout}\n${e.stderr}`);
    });
    process.stdout.write(stdout.replace(/^/gm, '  '));
    assert.match(stdout, /ℹ fail 0/);
  });
} else {
  await spans();
}

async function spans() {
  const { createServer } = await import('node:http');
  const { context, trace, SpanKind, SpanStatusCode } = await import('@opentelemetry/api');
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  // What an application's OpenTelemetry setup does: a context manager, so the active span follows async code.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const { MintedClient } = await import('minted-connect');
  const { openTelemetry } = await import('minted-connect/otel');
  const { createSandbox } = await import('minted-connect/sandbox');
  const { newFundedCustomer } = await import('./flows.mjs');

  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const traced = (sandbox, extra = {}) => new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials,
    fetch: sandbox.fetch, retryBackoffMs: 10, observers: [openTelemetry({ tracerProvider: provider })], ...extra });
  const clientSpans = () => exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);
  const SECRETS = ['sandbox-password', '4111111111111111', '321', 'Digest ', 'tok_'];

  test('one client span per call, named for its method and route, with the HTTP and minted attributes', async () => {
    exporter.reset();
    const sandbox = createSandbox();
    const client = traced(sandbox);
    await client.getCustomer('MTD0018232');
    await client.getOrder('HYAQA01714rqz');
    const spans = clientSpans();
    assert.deepEqual(spans.map((s) => s.name), ['GET /partner/customer/{external_customer_id}',
      'GET /partner/order/{external_order_id}']);
    const [customer] = spans;
    const url = new URL(sandbox.url);
    assert.equal(customer.attributes['http.request.method'], 'GET');
    assert.equal(customer.attributes['url.template'], '/partner/customer/{external_customer_id}');
    assert.equal(customer.attributes['url.full'], `${sandbox.url}/partner/customer/MTD0018232`);
    assert.equal(customer.attributes['server.address'], url.hostname);
    assert.equal(customer.attributes['http.response.status_code'], 200);
    assert.equal(customer.attributes['minted.operation'], 'getCustomer');
    assert.equal(customer.attributes['minted.attempts'], 1);
    assert.equal(customer.attributes['minted.reconciled'], false);
    assert.match(customer.attributes['minted.request_id'], /\S/);
    assert.equal(customer.status.code, SpanStatusCode.UNSET);
    assert.equal(customer.instrumentationScope.name, 'minted-connect');
  });

  test('a call\'s span is a child of the span active where it was made', async () => {
    exporter.reset();
    const client = traced(createSandbox());
    const tracer = provider.getTracer('app');
    const parent = tracer.startSpan('reconcile customers');
    await context.with(trace.setSpan(context.active(), parent), () => client.getCustomer('MTD0018232'));
    parent.end();
    const [child] = clientSpans();
    assert.equal(child.parentSpanContext?.spanId ?? child.parentSpanId, parent.spanContext().spanId);
    assert.equal(child.spanContext().traceId, parent.spanContext().traceId);
  });

  test('retries show as events on the one span, with the resend count', async () => {
    exporter.reset();
    let requests = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        requests += 1;
        res.writeHead(requests < 3 ? 503 : 200, { 'content-type': 'application/json', 'x-request-id': `r${requests}` });
        res.end(JSON.stringify(requests < 3 ? { data: null, success: false, code: 503, message: 'busy' }
          : { data: { external_id: 'abc', wallets: [] }, success: true, code: 0, message: '' }));
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new MintedClient({ baseUrl: `http://127.0.0.1:${server.address().port}`, retryBackoffMs: 10,
        observers: [openTelemetry({ tracerProvider: provider })] });
      await client.getCustomer('abc');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const spans = clientSpans();
    assert.equal(spans.length, 1);
    const [span] = spans;
    assert.deepEqual(span.events.map((e) => [e.name, e.attributes['minted.attempt'], e.attributes['minted.reason']]),
      [['minted.retry', 2, '503'], ['minted.retry', 3, '503']]);
    assert.deepEqual([span.attributes['minted.attempts'], span.attributes['http.request.resend_count'],
      span.attributes['minted.request_id']], [3, 2, 'r3']);
  });

  test('an order confirmed by look-up: a look-up event and minted.reconciled; no secret in any attribute or event', async () => {
    const sandbox = createSandbox();
    const client = traced(sandbox);
    const customer = await newFundedCustomer(client);
    await sandbox.admin.faults({ rules: [{ fault: 'drop-after-commit', method: 'POST', path: '/partner/order/digital/buy', times: 1 }] });
    const quote = await client.priceFix({ type: 'digital', customer_external_id: customer.external_id });
    exporter.reset();
    await client.cardPaymentBuyWithCardNumber({ price_token: quote.token, customer, items: [{ sku: 'GAU', amount: 0.1 }],
      payment: { card_holder: 'Ayşe Yılmaz', card_number: '4111 1111 1111 1111', card_expiry: '12/39', card_cvv: '321', customer_ip: '203.0.113.7' } });
    const [span] = clientSpans();
    assert.equal(span.name, 'POST /partner/order/digital/buy');
    assert.equal(span.attributes['minted.reconciled'], true);
    assert.ok(span.events.some((e) => e.name === 'minted.lookup' && e.attributes['minted.reason'] === 'network'));
    const everything = JSON.stringify(clientSpans().map((s) => [s.name, s.attributes, s.events]));
    for (const secret of SECRETS) assert.ok(!everything.includes(secret), `${secret} in ${everything}`);
  });

  test('a failure records the error kind, an exception and an error status', async () => {
    exporter.reset();
    const client = traced(createSandbox());
    await client.getCustomer('NOPE-404').catch(() => {});
    const [span] = clientSpans();
    assert.equal(span.attributes['error.type'], 'api');
    assert.equal(span.attributes['http.response.status_code'], 404);
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.ok(span.events.some((e) => e.name === 'exception'));
  });
}
