import { nodeResolve } from '@rollup/plugin-node-resolve';

// Rollup's quick start for browsers (one IIFE file) with node-resolve's browser option: Rollup refuses it at build
// time, since the browser entry loads its inlined fallback by a dynamic import (docs/guide.md says what to use).
export default {
  input: 'src/main.js',
  output: { file: 'output-iife/bundle.js', format: 'iife' },
  plugins: [nodeResolve({ browser: true })],
};
