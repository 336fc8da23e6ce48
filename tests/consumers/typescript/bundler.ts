// Bundler resolution (Vite, webpack, esbuild projects).
import minted, { MintedClient, validateRequest, type ValidationIssue } from 'minted-connect';
import { init } from 'minted-connect/slim';

export const issues: ValidationIssue[] = validateRequest('createCustomer', { external_id: 'a' });
export const client: MintedClient = new minted.MintedClient({ baseUrl: 'https://x.test', timeoutMs: 5000 });
export const ready: Promise<void> = init();
