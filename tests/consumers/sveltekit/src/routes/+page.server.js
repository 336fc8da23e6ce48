import { smoke } from '$lib/smoke.js';

/** Server-side rendering: the SDK runs in Node (adapter-node) before the page is sent. */
export async function load() {
	return { server: await smoke(process.env.CLOSED_URL) };
}
