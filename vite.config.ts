import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { generateFunctionsMetadata } from './addin/tools/functions-metadata';

/** Copies the add-in icons (assets/*.png) to dist/addin/assets/, where the manifest points. */
function icons(): Plugin {
  const dir = path.resolve(import.meta.dirname, 'assets');
  return {
    name: 'lotledger-icons',
    generateBundle() {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.png'))) {
        this.emitFile({ type: 'asset', fileName: `assets/${f}`, source: readFileSync(path.join(dir, f)) });
      }
    },
  };
}

/**
 * Emits functions.json, generated from the cell functions' JSDoc tags (never hand-written), and
 * functions.js, the script manifest.xml must name: in the shared runtime the functions load
 * with the pane's page, so the script itself holds nothing.
 */
function cellFunctionsMetadata(): Plugin {
  return {
    name: 'lotledger-functions-metadata',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'functions.json', source: generateFunctionsMetadata() });
      this.emitFile({ type: 'asset', fileName: 'functions.js', source: '// LOTLEDGER functions run in the shared runtime of taskpane.html (see manifest.xml).\n' });
    },
  };
}

// Builds the task pane: addin/taskpane.html -> dist/addin/taskpane.html (+ hashed assets),
// served by the API server at /taskpane.html, so the pane calls the API on its own origin.
export default defineConfig({
  root: 'addin',
  base: '/',
  plugins: [react(), icons(), cellFunctionsMetadata()],
  publicDir: false,
  build: {
    outDir: '../dist/addin',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    rollupOptions: { input: { taskpane: path.resolve(import.meta.dirname, 'addin/taskpane.html') } },
  },
});
