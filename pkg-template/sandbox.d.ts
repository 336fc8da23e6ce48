/**
 * The sandbox in-process: `createSandbox()` gives a `fetch` that answers as the Partner API does, with no server.
 * @packageDocumentation
 * @module minted-connect/sandbox
 */

/** Settings of an in-process sandbox; each is optional and defaults as the native server's flag of the same name. */
export interface SandboxOptions {
    /** Digest username clients must use (default `sandbox`). */
    username?: string;
    /** Digest password clients must use (default `sandbox-password`). */
    password?: string;
    /** Digest realm (default `minted-sandbox`). */
    realm?: string;
    /** `SHA-256`, `MD5`, `SHA-256-sess`, `MD5-sess`, or `both` (default: one SHA-256 and one MD5 challenge). */
    algorithm?: string;
    /** How long a nonce stays valid, in seconds (default 300). */
    nonceTtlSecs?: number;
    /** `replay` (default) refuses a nonce count used before; `strict` also one not above the last for that nonce. */
    ncCheck?: 'replay' | 'strict';
    /** Seed of the price function: the same seed quotes the same prices at the same minute (default 42). */
    seed?: number;
    /** Lifetime of a price-fix token, in seconds (default 240). */
    quoteTtlSecs?: number;
    /** How long a delivery stays in each status, in seconds (default 30). */
    deliveryStepSecs?: number;
    /** Data to start from: what {@link Sandbox.save} returned (or its JSON text). Default: the seed data. */
    state?: unknown;
}

/** The Digest credentials the sandbox accepts. */
export interface SandboxCredentials {
    /** The Digest username. */
    readonly username: string;
    /** The Digest password. */
    readonly password: string;
}

/** One rule of a fault plan. */
export interface SandboxFaultRule {
    /** `status-500`, `status-502`, `status-503`, `rate-limit`, `delay`, `reset`, `drop-after-commit`,
     * `malformed-json`, `html`, `empty` or `stale-nonce`. */
    fault: string;
    /** The HTTP method it applies to (default: any). */
    method?: string;
    /** The path it applies to; a trailing `*` matches a prefix (default: any `/partner` path). */
    path?: string;
    /** How many matching requests get it (default 1). */
    times?: number;
    /** For `delay`: how long, in milliseconds of sandbox time. */
    delay_ms?: number;
    /** For `status-503` and `rate-limit`: the `Retry-After` value. */
    retry_after?: string;
}

/** Fault injection plan: see docs/sandbox.md, "Fault injection". */
export interface SandboxFaultPlan {
    /** Faults for requests matching `method` and `path`, each applied `times` times. */
    rules?: SandboxFaultRule[];
    /** A seeded share `rate` (0–1) of the requests matching `path` gets one of `faults`: `{ seed, rate, faults, path,
     * delay_ms }`. */
    random?: Record<string, unknown>;
}

/** Balances by wallet code (`MAU` gold and `MAG` silver in grams, the cash currency such as `GBP`). */
export type SandboxBalances = Record<string, number>;

/** An order in brief, as {@link SandboxAdmin.state} lists it. */
export interface SandboxOrderBrief {
    /** The order's external id (`null` for orders placed without one). */
    external_id: string | null;
    /** `Buy`, `Sell`, `Delivery`… (`null` for kinds the API shows without one). */
    type: string | null;
    /** The status the API shows for it now (`Pending`, `Completed`…). */
    status_name: string;
    /** Its lines. */
    items: SandboxOrderLine[];
    /** Its total in the cash currency. */
    total: number;
}

/** One line of an order in brief. */
export interface SandboxOrderLine {
    /** The product: `GAU` (digital gold), `GAG` (digital silver), `BGAU`… */
    sku: string;
    /** How much of it, in grams or pieces. */
    amount: number;
}

/** An order in brief with its owner, as {@link SandboxState.orders} lists it. */
export interface SandboxStateOrder extends SandboxOrderBrief {
    /** The customer it belongs to; `null` for the partner's own orders. */
    customer_external_id: string | null;
}

/** One owner's wallets and orders, as {@link SandboxState.accounts} lists them. */
export interface SandboxAccount {
    /** Its balances. */
    wallets: SandboxBalances;
    /** Its orders in brief. */
    orders: SandboxOrderBrief[];
}

/** A customer's KYC record, as {@link SandboxState.kyc} lists it. */
export interface SandboxKyc {
    /** `pending`, `verified` or `rejected`. */
    status: string;
    /** The verification level reached. */
    level: number;
    /** The reference of the last KYC submission, or `null`. */
    reference: string | null;
    /** How many KYC writes it has had. */
    writes: number;
}

/** One movement of the ledger: money or metal into (positive) or out of (negative) a wallet. */
export interface SandboxLedgerEntry {
    /** When, in sandbox time (milliseconds since the epoch). */
    at_ms: number;
    /** The customer whose wallet moved; `null` for the partner's own wallets. */
    customer_external_id: string | null;
    /** The wallet: `MAU`, `MAG` or the cash currency. */
    currency_code: string;
    /** The change in balance. */
    delta: number;
    /** Why it moved (`opening balance`, an order's external id…). */
    reason: string;
}

/** What {@link SandboxAdmin.state} resolves with: every wallet and order, the ledger, the KYC records. */
export interface SandboxState {
    /** The partner's balances. */
    partner: SandboxBalances;
    /** Each customer's balances, by external id. */
    customers: Record<string, SandboxBalances>;
    /** Every order in brief, with the customer it belongs to. */
    orders: SandboxStateOrder[];
    /** Every movement, oldest first; per wallet they add up to its balance. */
    ledger: SandboxLedgerEntry[];
    /** Per owner, its wallets and its orders. */
    accounts: SandboxAccounts;
    /** How many orders carry each external id (always 1: orders are placed once). */
    orders_by_external_id: Record<string, number>;
    /** Each customer's KYC record, by external id. */
    kyc: Record<string, SandboxKyc>;
}

/** Every owner's wallets and orders. */
export interface SandboxAccounts {
    /** The partner's. */
    partner: SandboxAccount;
    /** Each customer's, by external id. */
    customers: Record<string, SandboxAccount>;
}

/** What {@link SandboxAdmin.stats} resolves with. */
export interface SandboxStats {
    /** Requests to `/partner` paths. */
    partner_requests: number;
    /** How many of them were answered 401. */
    unauthorized: number;
}

/** What {@link SandboxAdmin.faults} resolves with: the plan in force, how often each rule fired, the counters. */
export interface SandboxFaultsView {
    /** The plan's rules, each with how often it fired. */
    rules: SandboxFaultRuleView[];
    /** The plan's random share, or `null`. */
    random: Record<string, unknown> | null;
    /** How many times each fault was injected, by fault name. */
    injected: Record<string, number>;
    /** Requests that matched the plan. */
    matched_requests: number;
}

/** A rule of the plan in force. */
export interface SandboxFaultRuleView extends SandboxFaultRule {
    /** How many requests it applied to so far. */
    used: number;
}

/** What {@link SandboxAdmin.complete3ds} answers inside its envelope. */
export interface SandboxPaymentCompleted {
    /** The payment's token. */
    token: string;
    /** `success`. */
    state: string;
    /** The external ids of the orders the payment paid. */
    orders: string[];
}

/** What {@link SandboxAdmin.generateOrders} answers inside its envelope. */
export interface SandboxOrdersGenerated {
    /** How many orders were added. */
    created: number;
    /** The prefix of their external ids (`GEN-…`). */
    batch: string;
}

/** What the clock controls resolve with. */
export interface SandboxClock {
    /** Sandbox time, RFC 3339. */
    now: string;
    /** Sandbox time in milliseconds since the epoch. */
    now_ms: number;
    /** Whether sandbox time stands still. */
    frozen: boolean;
    /** How far it was moved on by {@link SandboxAdmin.advanceClock}, in milliseconds. */
    advanced_ms: number;
}

/** The API envelope some controls answer with, as the Partner API wraps its own answers. */
export interface SandboxEnvelope<T> {
    /** The answer. */
    data: T;
    /** `true`. */
    success: boolean;
    /** `0`. */
    code: number;
    /** Empty. */
    message: string;
}

/** The sandbox's test and demo controls (its `/__sandbox` routes); each resolves with the JSON the route answers. */
export interface SandboxAdmin {
    /** Every account's wallets and orders, the ledger, `orders_by_external_id` and KYC records. */
    state(): Promise<SandboxState>;
    /** Request and 401 counters. */
    stats(): Promise<SandboxStats>;
    /** Without an argument: the fault plan and counters; with a plan: replaces it; with `null`: normal service (and
     * answers with the plan and counters it cleared). */
    faults(plan?: SandboxFaultPlan | null): Promise<SandboxFaultsView>;
    /** The clock. */
    clock(): Promise<SandboxClock>;
    /** Makes `seconds` of sandbox time pass at once: quotes expire, deliveries move on, delays end. */
    advanceClock(seconds: number): Promise<SandboxClock>;
    /** Stops sandbox time (then it moves only when advanced), or lets it run on with `false`. */
    freezeClock(frozen?: boolean): Promise<SandboxClock>;
    /** Completes a card payment waiting for 3-D Secure, given its token or its `redirect_url`: the orders it paid. */
    complete3ds(tokenOrRedirectUrl: string): Promise<SandboxEnvelope<SandboxPaymentCompleted>>;
    /** Adds `count` completed 0.01 g gold buys, for the partner or a customer (paging and export tests). */
    generateOrders(count: number, customerExternalId?: string): Promise<SandboxEnvelope<SandboxOrdersGenerated>>;
    /** Back to the state it was created with; calls waiting on an injected delay fail like a dropped connection. */
    reset(): void;
}

/** A Partner API sandbox inside this process. */
export interface Sandbox {
    /** The base URL to give the client (`http://sandbox.minted.invalid`): served only through {@link Sandbox.fetch}. */
    readonly url: string;
    /** The Digest credentials it accepts. */
    readonly credentials: SandboxCredentials;
    /** A standard fetch answered by the sandbox: pass it as the client's `fetch` option. */
    fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
    /**
     * For hosts that serve the sandbox over real HTTP (as `minted sandbox` does): one request as parts; resolves with
     * the response as parts (a header repeated keeps its values apart), or `null` when the connection is to be closed
     * without a response (an injected fault). As on the native server, a request whose `Host` is not a loopback name
     * (`localhost`, `*.localhost`, `127.0.0.1`, `[::1]`) is answered 421 and one whose `Origin` is not on one 403,
     * before anything runs: a socket on 127.0.0.1 must not serve a page an attacker's name points at, nor other sites.
     */
    exchange(request: SandboxExchangeRequest): Promise<SandboxExchangeResponse | null>;
    /** Test and demo controls. */
    readonly admin: SandboxAdmin;
    /** The API data as a JSON value; `createSandbox({ state })` continues from it. */
    save(): unknown;
    /** Same as {@link Sandbox.save}, so `JSON.stringify(sandbox)` gives the state. */
    toJSON(): unknown;
    /** Frees its memory; later calls fail like a refused connection. */
    close(): void;
}

/** A fresh sandbox with the seed data (or `options.state`): customers, wallets, prices, orders, cards, delivery. */
export declare function createSandbox(options?: SandboxOptions): Sandbox;

/** One request given to {@link Sandbox.exchange}, as parts. */
export interface SandboxExchangeRequest {
    /** `GET`, `POST`… */
    method: string;
    /** The path and query, e.g. `/partner/customer/MTD0018232?x=1`. */
    target: string;
    /** The request headers as name/value pairs (a repeated header as several pairs). */
    headers?: Array<[string, string]>;
    /** The request body. */
    body?: Uint8Array;
    /** Abandons the request: the promise rejects once it is aborted. */
    signal?: AbortSignal;
}

/** The response {@link Sandbox.exchange} resolves with, as parts. */
export interface SandboxExchangeResponse {
    /** The HTTP status. */
    status: number;
    /** The response headers as name/value pairs; a repeated header (two Digest challenges) keeps its values apart. */
    headers: Array<[string, string]>;
    /** The response body. */
    body: Uint8Array;
}
