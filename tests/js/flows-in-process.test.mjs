// flows.test.mjs again, against the in-process sandbox (createSandbox from 'minted-connect/sandbox') instead of
// the native server: every client call goes through sandbox.fetch, Digest included.
process.env.MINTED_SANDBOX_HOST = 'in-process';
await import('./flows.test.mjs');
