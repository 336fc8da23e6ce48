// orders.test.mjs again, against the in-process sandbox (createSandbox) instead of the native server: see
// helpers.mjs startSandbox.
process.env.MINTED_SANDBOX_HOST = 'in-process';
await import('./orders.test.mjs');
