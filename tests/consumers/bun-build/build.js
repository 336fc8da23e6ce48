await Bun.build({
  entrypoints: ['./src/main.js'],
  outdir: './dist',
});
