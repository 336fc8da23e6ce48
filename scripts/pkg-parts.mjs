// Pieces of generated package entries shared by scripts/build-pkg.mjs and scripts/build-sandbox-pkg.mjs.

/** decodeBase64(text) → bytes, in any runtime (Uint8Array.fromBase64, Buffer, or atob). */
export const DECODE = `function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  if (typeof Buffer === 'function') return Buffer.from(text, 'base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
`;
