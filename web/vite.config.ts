import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @hm/web` serves the dashboard with hot reload against a running `npm start` API.
// Sign in once through the dev server (http://localhost:5173/auth/signin?key=KEY, the key from
// `npm start`'s link): the cookie is then this origin's, and /graphql requests carry it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1_000 },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/auth': { target: 'http://127.0.0.1:4000' },
    },
  },
});
