import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'src/main.js',
  output: { dir: 'output-commonjs', format: 'es' },
  plugins: [nodeResolve({ browser: true }), commonjs()],
};
