import { smoke } from '../../lib/smoke.js';

// Rendered on demand by the Node adapter, not at build time.
export const prerender = false;

export async function GET() {
  return new Response(`server: ${await smoke(process.env.CLOSED_URL)}`);
}
