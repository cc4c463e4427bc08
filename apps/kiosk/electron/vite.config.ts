import { builtinModules } from 'node:module'
import path from 'node:path'
import { defineConfig } from 'vite'

// Bundles the main process and the preload to CommonJS in dist-electron/. The preload must be one
// self-contained file: a sandboxed preload cannot load other local modules.
export default defineConfig({
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist-electron'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    ssr: true,
    rollupOptions: {
      input: {
        main: path.resolve(import.meta.dirname, 'main.ts'),
        preload: path.resolve(import.meta.dirname, 'preload.ts'),
      },
      external: ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true },
})
