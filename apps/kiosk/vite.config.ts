import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// base './' lets the same build load from the gateway (web view) and from the kiosk shell's app:// origin.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
})
