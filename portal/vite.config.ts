import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// JSX through Vite's built-in transform: no React plugin needed (docs/architecture.md, the portal).
export default defineConfig({
  root,
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: true },
  logLevel: 'info',
});
