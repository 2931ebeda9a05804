import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The server serves dist/ at `/` with a history fallback, and the API lives on the
// same origin, so assets use absolute paths and `npm run dev` proxies the API to a
// local server (PANOPTES_URL, default http://127.0.0.1:9410, the server's default address).
const apiTarget = process.env['PANOPTES_URL'] ?? 'http://127.0.0.1:9410';

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // ECharts is the heaviest dependency and changes least often: its own chunk
        // stays cached across UI releases.
        manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'echarts' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': apiTarget, '/-': apiTarget },
  },
});
