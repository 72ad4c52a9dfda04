import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * @fontsource lists a WOFF fallback after every WOFF2 file. Every browser we support reads WOFF2,
 * so dropping the fallback halves what the build copies (the CJK font is ~100 subsets per weight).
 */
function woff2Only(): Plugin {
  return {
    name: 'shizhi:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@fontsource') || !id.endsWith('.css')) return null;
      return { code: code.replace(/,\s*url\([^)]+\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}

const apiTarget = process.env.SHIZHI_API_URL ?? 'http://127.0.0.1:3000';

// Vite reads the default export of its config file.
export default defineConfig({
  plugins: [woff2Only(), react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
