import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'src/main.js',
  output: { dir: 'output', format: 'es' },
  plugins: [nodeResolve({ browser: true })],
};
