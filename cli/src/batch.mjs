// Sends validated rows in chunks, `concurrency` chunks at a time and at most `rate` requests per second, keeping the
// journal. An unclear answer (no response, a timeout, 5xx, 408, 429, an unreadable body) never leads to a blind
// resend: each row of the chunk is first looked up on the server (`confirm`), and only rows shown absent are sent
// again; a clear refusal (4xx) is final for this run.
import { rateLimiter, reason, refused, sleep } from './util.mjs';

const ROUNDS = 6;
const backoff = (round) => Math.min(250 * 2 ** round, 8000);

/**
 * @param {object} job
 * @param {{ row: number, id: string, item: object }[]} job.rows the valid rows still to do
 * @param {(items: object[], signal: AbortSignal) => Promise<{ ok: boolean, skipped?: boolean, reason?: string, requestId?: string }[]>} job.send
 *   one request for a chunk, resolving to one outcome per item with the answer's request id (a clear refusal of the
 *   whole request throws)
 * @param {(item: object, signal: AbortSignal) => Promise<boolean>} job.confirm whether the server already shows the item
 * @returns {Promise<Map<number, { outcome: 'sent' | 'skipped' | 'failed' | 'unconfirmed', reason?: string, requestId?: string }>>}
 */
export async function runBatch({ rows, send, confirm, journal, chunkSize, concurrency = 1, rate, signal, onDone = () => {} }) {
  const outcomes = new Map();
  const wait = rateLimiter(rate);
  const finish = (list, outcome, why, requestId) => {
    for (const r of list) outcomes.set(r.row, { outcome, reason: why, requestId });
    onDone(list.length);
  };

  // One chunk until every row is settled: send what is known absent, look up what is unclear, back off in between.
  async function deliver(chunk) {
    let toSend = chunk.filter((r) => journal.state(r.row) !== 'sending');
    let toCheck = chunk.filter((r) => journal.state(r.row) === 'sending'); // in flight when an earlier run stopped
    for (let round = 0; !signal.aborted; round += 1) {
      const unclear = [];
      for (const r of toCheck) {
        if (signal.aborted) return;
        const shown = await confirm(r.item, signal).catch(() => undefined);
        if (shown === true) { journal.mark('ok', [r]); finish([r], 'sent'); }
        else if (shown === false) toSend.push(r);
        else unclear.push(r);
      }
      if (toSend.length && !signal.aborted) {
        await wait(signal);
        journal.mark('sending', toSend);
        try {
          const answers = await send(toSend.map((r) => r.item), signal);
          const answered = toSend.map((r, i) => ({ r, a: answers[i] }));
          journal.mark('ok', answered.filter(({ a }) => a?.ok || a?.skipped).map(({ r }) => r));
          for (const { r, a } of answered) {
            if (!a) unclear.push(r);
            else if (a.ok || a.skipped) finish([r], a.ok ? 'sent' : 'skipped', a.reason, a.requestId);
            else { journal.mark('failed', [r], a.reason); finish([r], 'failed', a.reason, a.requestId); }
          }
        } catch (err) {
          if (signal.aborted) return;
          if (refused(err)) { journal.mark('failed', toSend, reason(err)); finish(toSend, 'failed', reason(err), err.requestId); }
          else unclear.push(...toSend);
        }
      }
      toSend = [];
      toCheck = unclear;
      if (!toCheck.length) return;
      if (round + 1 >= ROUNDS) return finish(toCheck, 'unconfirmed');
      await sleep(backoff(round), signal);
    }
  }

  const chunks = [];
  for (let i = 0; i < rows.length; i += chunkSize) chunks.push(rows.slice(i, i + chunkSize));
  const worker = async () => {
    while (chunks.length && !signal.aborted) await deliver(chunks.shift());
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return outcomes;
}
