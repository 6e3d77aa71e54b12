import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Built into target/classes/META-INF/resources, so the jar Maven makes of this module puts the app
// at "/" of the gateway that has it on its classpath (Spring's default static location).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
  },
  server: {
    // `npm run dev`: the API and sockets through a running gateway (./fleet up)
    proxy: {
      '/api': 'http://localhost:8080',
      '/media': 'http://localhost:8080',
      '/call': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    globals: true,
    environment: 'node',
  },
});
