// ES module consumer: named and default imports, and the slim entry.
import minted, { MintedClient, MintedError, validateRequest, type ValidationIssue } from 'minted-connect';
import { init, initSync } from 'minted-connect/slim';

export const issues: ValidationIssue[] = validateRequest('createCustomer', { external_id: 'a' });
export const client: MintedClient = new minted.MintedClient({ baseUrl: 'https://x.test', fetch: (url, init) => fetch(url, init) });
export const isError = (e: unknown): e is MintedError => e instanceof MintedError;
export const load = (bytes: Uint8Array): Promise<void> => (bytes.length ? Promise.resolve(initSync(bytes)) : init());
