// Compiled (not run) by types.test.mjs: typical use must type-check, misuse must not.
import {
  MintedClient, MintedError, decodeResponse, digestAuthorization, operations, validateRequest,
  type CallOptions, type CustomerRecord, type CustomerWithWallets, type LogLevel, type MintedErrorKind, type Order,
  type OperationInfo, type OrderPage, type Quote, type ValidationIssue, type WithResponse,
} from 'minted-connect';
import minted from 'minted-connect';
import { init, initSync, type WasmSource } from 'minted-connect/slim';

const client = new MintedClient({ baseUrl: 'https://api.staging.mintedconnect.com', username: 'u', password: 'p', language: 'en', timeoutMs: 10_000 });

export async function typicalUse(): Promise<void> {
  const customer: CustomerWithWallets = await client.getCustomer('MTD0018232');
  const firstWallet = customer.wallets[0];
  const balance: number | null | undefined = firstWallet?.balance;
  const order: Order = await client.getOrder('HYAQA01714rqz', { signal: new AbortController().signal });
  const guid: string = order.guid;
  const status: string | null | undefined = order.status_name;
  const undocumented: unknown = order['channel'];
  const created: CustomerRecord = await client.createCustomer({ external_id: 'abc', gender: 'F', phone: '05321112233' });
  await client.updateCustomer('abc', { firstname: 'Ayşe', lastname: 'Demir', phone: '+905321112233', identity_number: '10000000146' });
  await client.getOrderAlternative({ order_code: 'ALS8HEVP', push_hook: true });
  const removed = await client.removeCustomer('abc');
  const wasRemoved: boolean | null | undefined = removed?.removed;
  const issues: ValidationIssue[] = validateRequest('createCustomer', { external_id: 'x' }, { language: 'tr' });
  const severity: 'error' | 'warning' | undefined = issues[0]?.severity;
  const header: string = digestAuthorization({ username: 'u', password: 'p', realm: 'r', nonce: 'n', uri: '/', method: 'GET', nc: 1, cnonce: 'c', qop: 'auth', algorithm: 'SHA-256' });
  const rows: OperationInfo[] = operations();
  const data: unknown = decodeResponse('getOrder', '{}');
  void [balance, guid, status, undocumented, created, wasRemoved, severity, header, rows, data];
}

export async function perCallControlAndMetadata(): Promise<void> {
  const plain: Order = await client.getOrder('x', { timeoutMs: 500, maxRetries: 0 });
  const answer: WithResponse<Order> = await client.getOrder('x', { withResponse: true });
  const requestId: string | undefined = answer.requestId;
  const attempts: number = answer.attempts;
  const guid: string = answer.data.guid;
  const quote: WithResponse<Quote> = await client.priceFix({ type: 'digital' }, { withResponse: true });
  const seconds: number = quote.data.remainingSeconds();
  const raw: WithResponse<unknown> = await client.request({ method: 'GET', path: '/partner/balance', withResponse: true });
  const options: CallOptions = { signal: new AbortController().signal };
  const either: Order | WithResponse<Order> = await client.getOrder('x', options);
  const pages: AsyncIterable<OrderPage> = client.listOrders({ total: 5 }).pages();
  const some: Order[] = await client.listOrders({}).toArray({ limit: 10 });
  const logged = new MintedClient({ baseUrl: 'https://x.test', logLevel: 'debug', logger: console, appName: 'my-app/1.2' });
  const level: LogLevel = 'info';
  // @ts-expect-error the metadata form is not the data
  const wrong: Order = await client.getOrder('x', { withResponse: true });
  // @ts-expect-error timeoutMs is a number
  await client.getOrder('x', { timeoutMs: '500' });
  // @ts-expect-error logLevel is one of the levels
  new MintedClient({ baseUrl: 'https://x.test', logLevel: 'verbose' });
  void [plain, requestId, attempts, guid, seconds, raw, either, pages, some, logged, level, wrong];
}

export function errorHandling(err: unknown): string {
  if (err instanceof MintedError) {
    const kind: MintedErrorKind = err.kind;
    const code: number | string | undefined = err.code;
    return `${kind} ${err.status ?? ''} ${code ?? ''} ${err.issues?.length ?? 0} ${err.requestId ?? ''}`;
  }
  return 'other';
}

export async function misuse(): Promise<void> {
  // @ts-expect-error gender is "M" | "F"
  await client.createCustomer({ external_id: 'abc', gender: 'X' });
  // @ts-expect-error external_id is required
  await client.createCustomer({ firstname: 'Ayşe' });
  // @ts-expect-error language is "tr" | "en"
  new MintedClient({ baseUrl: 'https://x.test', language: 'de' });
  // @ts-expect-error baseUrl is required
  new MintedClient({ username: 'u' });
  // @ts-expect-error the path parameter is a string
  await client.getCustomer(42);
  // @ts-expect-error wallet KYC statuses are a fixed set
  await client.upsertCustomerWalletKyc('abc', { status: 'maybe' });
  const order = await client.getOrder('x');
  // @ts-expect-error guid is a string, not a number
  const wrong: number = order.guid;
  void wrong;
}

export async function fetchOption(proxyFetch: typeof fetch): Promise<void> {
  const baseUrl = 'https://x.test';
  new MintedClient({ baseUrl, fetch });
  new MintedClient({ baseUrl, fetch: (url, init) => proxyFetch(url, { ...init, keepalive: true }) });
  new MintedClient({ baseUrl, fetch: async (url, init) => new Response(`${url} ${init.method} ${init.headers['api-version']}`) });
  new MintedClient({ baseUrl, fetch: async () => ({ status: 200, headers: new Headers(), arrayBuffer: async () => new ArrayBuffer(0) }) });
  // @ts-expect-error fetch resolves to a Response, not a string
  new MintedClient({ baseUrl, fetch: async (url: string) => url });
  // @ts-expect-error fetch is a function
  new MintedClient({ baseUrl, fetch: 'undici' });
}

export async function otherEntries(bytes: Uint8Array, module: WebAssembly.Module): Promise<void> {
  const client: MintedClient = new minted.MintedClient({ baseUrl: 'https://x.test' });
  const issues: ValidationIssue[] = minted.validateRequest('createCustomer', {});
  await init();
  await init(new URL('https://cdn.example/minted_connect_bg.wasm'));
  await init(fetch('/minted_connect_bg.wasm'));
  initSync(bytes);
  initSync(module);
  const source: WasmSource = module;
  // @ts-expect-error the default object has no init: that is slim's
  await minted.init();
  void [client, issues, source];
}
