import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** The Charter server the dev server forwards API calls to (`npm start` or `bin/charter serve --demo`). */
const charter = process.env.CHARTER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': charter, '/v1': charter, '/openapi.json': charter },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
