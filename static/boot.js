// Starts RegionShift without an inline script, which the page's Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval') forbids.
//
// Trunk's default loader is an inline <script type="module">. Trunk.toml's
// `pattern_script` replaces it with a tag that loads this file and names the hashed
// wasm-bindgen module and WebAssembly binary in data attributes:
//   <script type="module" src="{base}boot.js" data-wasm-js="{base}{js}" data-wasm="{base}{wasm}"></script>
// Failing that, the names are taken from the <link rel="modulepreload"> and
// <link rel="preload" as="fetch"> tags Trunk adds to <head>.
// Everything is loaded from this site; nothing else is requested.

const tag = document.querySelector("script[data-wasm-js][data-wasm]");
const preloadedJs = document.querySelector('link[rel="modulepreload"]');
const preloadedWasm = document.querySelector('link[rel="preload"][as="fetch"][type="application/wasm"]');
const js = tag ? tag.dataset.wasmJs : preloadedJs && preloadedJs.getAttribute("href");
const wasm = tag ? tag.dataset.wasm : preloadedWasm && preloadedWasm.getAttribute("href");

function fail(message) {
  const status = document.getElementById("boot-status");
  if (status) {
    status.textContent = message;
    status.classList.add("boot-error");
  }
}

try {
  if (!js || !wasm) {
    throw new Error("the page does not name its WebAssembly module (see pattern_script in Trunk.toml)");
  }
  // Resolve against <base>, so the site works under any sub-path.
  const base = document.baseURI;
  const bindings = await import(new URL(js, base).href);
  await bindings.default({ module_or_path: new URL(wasm, base).href });
} catch (error) {
  fail("RegionShift could not start in this browser: " + (error && error.message ? error.message : error));
  throw error;
}
