// CommonJS consumer: `import = require`, and a default import (esModuleInterop).
import sdk = require('minted-connect');
import minted from 'minted-connect';
import slim = require('minted-connect/slim');

export const client: sdk.MintedClient = new minted.MintedClient({ baseUrl: 'https://x.test' });
export const issues: sdk.ValidationIssue[] = sdk.validateRequest('createCustomer', { external_id: 'a' });
export const load: (bytes: Uint8Array) => void = slim.initSync;
import sandboxes = require('minted-connect/sandbox');

export const sandbox: sandboxes.Sandbox = sandboxes.createSandbox();
export const onSandbox = new sdk.MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch });
