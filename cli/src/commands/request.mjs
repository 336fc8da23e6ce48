// minted request METHOD PATH [--body JSON]: any call, signed and checked like the typed ones.
import { readFileSync } from 'node:fs';
import { EXIT, UsageError } from '../util.mjs';

function json(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} is not valid JSON`); // the parser's message would quote the body, which may hold card data
  }
}

export const request = {
  name: 'request',
  usage: 'METHOD PATH [--body JSON|@FILE] [--query K=V]…',
  args: ['METHOD', 'PATH'],
  summary: 'make a raw API call and print its data',
  description: `Sends METHOD PATH (e.g. GET /partner/order/ALS8HEVP) with Digest authentication and the API's headers,
and prints the response's data as JSON (with --json: { "data", "status", "request_id" }). --body takes JSON, or @FILE
to read it from a file.`,
  options: {
    body: { type: 'string', value: 'JSON|@FILE', help: 'request body' },
    query: { type: 'string', multiple: true, value: 'K=V', help: 'query parameter (repeatable)' },
    'api-version': { type: 'string', value: 'V', help: 'api-version header (default 2)' },
  },
  examples: [
    'minted request GET /partner/customer/MTD0018232',
    'minted request GET /partner/orders --query status=Completed --query total=5',
    'minted request POST /partner/order --body \'{"external_id": "ALS8HEVP"}\'',
  ],
  async run({ args: [method, path], opts, out, signal, connect }) {
    const body = opts.body === undefined ? undefined
      : opts.body.startsWith('@') ? json(readFileSync(opts.body.slice(1), 'utf8'), opts.body) : json(opts.body, '--body');
    const query = Object.fromEntries((opts.query ?? []).map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError(`--query takes K=V (got "${pair}")`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }));
    const client = await connect();
    const answer = await client.request({ method: method.toUpperCase(), path, body, query, apiVersion: opts['api-version'], signal, withResponse: true });
    const result = opts.json ? { data: answer.data, status: answer.status, request_id: answer.requestId } : answer.data;
    out.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  },
};
