import { defineConfig } from 'vitest/config';

// The build lands in target/ like the services' builds; the edge serves it from there.
export default defineConfig({
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
