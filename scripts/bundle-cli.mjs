/**
 * The CLI as one bundle (what `bin` runs): loading ~150 small ES modules
 * (yargs alone is dozens) costs more than the lint of a clean tree, and one
 * file with everything the start-up path needs loads in a few milliseconds.
 *
 * Code splitting keeps what most runs never need out of the start-up file:
 * Babel and the analysis load only in the candidate worker (or on a dynamic
 * import), `fix` and `shim` only when those commands run.
 *
 * The output lives in dist/src/bundle/, one level below dist/src, so the
 * `new URL('../…', import.meta.url)` paths in the sources (package.json,
 * the shim's .d.ts files) resolve exactly as from dist/src/<dir>/. Worker
 * entry points keep their names: `new URL('./candidate-worker.js', …)`
 * resolves next to whichever chunk says it.
 *
 * Packages that are native, huge, or read their own files at run time stay
 * external and load from node_modules as before.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'dist/src/bundle';

const EXTERNAL = ['sharp', 'jscodeshift', 'ts-morph', 'bullmq', 'ioredis', 'piscina', 'typescript', '@typescript-eslint/*'];

/**
 * string-width (yargs' and cliui's) builds an `Intl.Segmenter` at load time,
 * ~11 ms of ICU set-up on every run, though only help text measures widths.
 * Built on first use instead; the build fails if the line is not found, so an
 * upgrade that moves it is noticed rather than silently slow.
 */
const lazySegmenter = {
  name: 'lazy-intl-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = 'const segmenter = new Intl.Segmenter();';
      if (!source.includes('Intl.Segmenter')) return undefined;
      if (!source.includes(eager)) return { errors: [{ text: `${args.path}: \`${eager}\` not found; update the lazy-intl-segmenter plugin` }] };
      const lazy = 'let segmenterOnce;\nconst segmenter = { segment: (text) => (segmenterOnce ??= new Intl.Segmenter()).segment(text) };';
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * @babel/traverse requires at load time what lint never (or rarely) calls:
 * the code generator (`path.toString()`), @babel/template (arrow-function
 * conversion), code-frame (replacement errors), and `debug`, whose logger is
 * set up for DEBUG=babel output. ~20 ms of the candidate thread's start-up,
 * which is on a small tree's critical path. These load on first use instead;
 * `debug` only when DEBUG is set (else its loggers are off, as they would be).
 */
const LAZY_IN_TRAVERSE = ['@babel/generator', '@babel/template', '@babel/code-frame'];
const lazyTraverseRequires = {
  name: 'lazy-traverse-requires',
  setup(b) {
    b.onLoad({ filter: /[\\/]@babel[\\/]traverse[\\/]lib[\\/]path[\\/](?:index|conversion|replacement)\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      for (const pkg of LAZY_IN_TRAVERSE) {
        source = source.replace(new RegExp(`^var (_\\w+) = require\\("${pkg}"\\);$`, 'm'), (_, name) => `var ${name} = new Proxy({}, { get: (_t, key) => require("${pkg}")[key] });`);
      }
      const debug = 'var _debug = require("debug");';
      if (source.includes(debug)) source = source.replace(debug, 'var _debug = process.env.DEBUG ? require("debug") : () => Object.assign(() => {}, { enabled: false });');
      return { contents: source, loader: 'js' };
    });
  },
};

/** What both builds share: Node 20, the lazy loads above, the packages left to node_modules. */
const COMMON = {
  absWorkingDir: ROOT,
  outdir: OUT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Node 20 has both; left as literals, V8 compiles these Unicode-set regexps on first use, not at load (~20 ms).
  supported: { 'regexp-set-notation': true, 'regexp-unicode-property-escapes': true },
  external: EXTERNAL,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(new URL(`../${OUT}`, import.meta.url), { recursive: true, force: true });
await build({
  ...COMMON,
  entryPoints: {
    'novita-migrate': 'src/cli/bin.ts',
    'candidate-worker': 'src/lint/candidate-worker-boot.ts',
    'deep-stack-worker': 'src/lint/deep-stack-worker.ts',
    'lint-worker': 'src/lint/lint-worker.ts',
  },
  splitting: true,
  format: 'esm',
  plugins: [lazySegmenter, lazyTraverseRequires],
  chunkNames: 'chunk-[hash]',
  // Bundled CommonJS (Babel) calls require() for Node built-ins; ESM has none, so give it one.
  banner: { js: "import { createRequire as __nmCreateRequire } from 'node:module'; const require = __nmCreateRequire(import.meta.url);" },
  // …and the CommonJS module globals (write-file-atomic hashes __filename); Node >= 20.11 has them on import.meta.
  define: { __filename: 'import.meta.filename', __dirname: 'import.meta.dirname' },
});

/**
 * The candidate thread's code once more, as one CommonJS file: the thread
 * runs it through a V8 code cache (src/lint/code-cache.ts), which Node 20
 * offers only for scripts, not for ES modules. `import.meta` becomes the
 * CommonJS equivalents (the file sits next to the chunks, so relative URLs
 * resolve the same).
 */
await build({
  ...COMMON,
  entryPoints: { 'candidate-worker-code': 'src/lint/candidate-worker.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [lazyTraverseRequires],
  banner: { js: "const __nmImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__nmImportMetaUrl', 'import.meta.filename': '__filename', 'import.meta.dirname': '__dirname' },
});
