import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/** Text the gateway serves: compressed once at build, so a slow phone gets a fraction of the bytes (the page itself is tiny). */
const compressible = /\.(js|css|svg|json|ttf|otf)$/

/** Writes .br and .gz beside each text file of the build; the gateway serves them to browsers that ask. */
function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'darwaza-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle() {
      const files = (folder: string): string[] =>
        readdirSync(folder).flatMap((name) => {
          const file = path.join(folder, name)
          return statSync(file).isDirectory() ? files(file) : [file]
        })
      for (const file of files(outDir).filter((name) => compressible.test(name))) {
        const bytes = readFileSync(file)
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }))
      }
    },
  }
}

// base './' lets the same build load from the gateway (web view) and from the kiosk shell's app:// origin.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
})
