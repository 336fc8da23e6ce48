// minted prices [--watch]: current buy and sell prices per product.
import { EXIT, number, sleep } from '../util.mjs';

function table(list) {
  const rows = [['sku', 'product', 'buy', 'sell', 'currency', 'updated'],
    ...list.map((p) => [p.sku, p.product_name ?? '', p.buy_price ?? '', p.sell_price ?? '', p.currency ?? '', p.updated_at ?? ''])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((v, i) => String(v).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export const prices = {
  name: 'prices',
  usage: '[--watch] [--currency C]',
  args: [],
  summary: 'show current prices (or keep showing them)',
  description: `Shows the current (not locked) buy and sell price of every product. With --watch, shows them again every
--interval seconds until Ctrl-C. With --json: { "prices": [...], "request_id": "..." }, one document per line with
--watch.`,
  options: {
    watch: { type: 'boolean', help: 'refresh until Ctrl-C' },
    interval: { type: 'string', value: 'SECONDS', help: 'time between refreshes with --watch (default 10)' },
    currency: { type: 'string', value: 'C', help: 'GBP, USD, EUR or TRY (default: the API\'s)' },
  },
  examples: ['minted prices', 'minted prices --watch --interval 5', 'minted prices --currency USD --json'],
  async run({ opts, out, signal, connect }) {
    const interval = number('interval', opts.interval ?? 10, { min: 1 });
    const client = await connect();
    const query = opts.currency ? { currency: opts.currency } : undefined;
    do {
      const { data: list, requestId } = await client.getProductPrices(query, { signal, withResponse: true });
      const result = { prices: list, request_id: requestId };
      if (opts.watch && opts.json) out.stdout.write(`${JSON.stringify(result)}\n`);
      else if (opts.watch) out.result(result, (r) => `${new Date().toISOString()}\n${table(r.prices)}\n`);
      else out.result(result, (r) => table(r.prices));
      if (opts.watch) await sleep(interval * 1000, signal);
    } while (opts.watch && !signal.aborted);
    return signal.aborted ? EXIT.interrupted : EXIT.ok;
  },
};
