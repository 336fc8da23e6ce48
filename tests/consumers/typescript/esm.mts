// ES module consumer: named and default imports, and the slim entry.
import minted, { MintedClient, MintedError, validateRequest, type ValidationIssue } from 'minted-connect';
import { init, initSync } from 'minted-connect/slim';

export const issues: ValidationIssue[] = validateRequest('createCustomer', { external_id: 'a' });
export const client: MintedClient = new minted.MintedClient({ baseUrl: 'https://x.test', fetch: (url, init) => fetch(url, init) });
export const isError = (e: unknown): e is MintedError => e instanceof MintedError;
export const load = (bytes: Uint8Array): Promise<void> => (bytes.length ? Promise.resolve(initSync(bytes)) : init());

// The in-process sandbox: its fetch is the client's fetch option as it is.
import { createSandbox, type Sandbox } from 'minted-connect/sandbox';

export const sandbox: Sandbox = createSandbox({ quoteTtlSecs: 5, ncCheck: 'strict' });
export const onSandbox = new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch });
export const advanced: Promise<unknown> = sandbox.admin.advanceClock(60);
// The admin results are typed: reading a field the sandbox does not answer with is an error.
export const gold = sandbox.admin.state().then((state) => state.customers['MTD0018232']?.['MAU'] ?? 0);
export const frozen: Promise<boolean> = sandbox.admin.freezeClock().then((clock) => clock.frozen);
export const injected: Promise<number> = sandbox.admin.faults().then((view) => view.matched_requests);
// @ts-expect-error: the stats have no such field
export const wrong = sandbox.admin.stats().then((stats) => stats.requests);
