//! `regionshift-web`: the browser app (Yew), built by Trunk from `index.html`.
//!
//! Everything runs in the page: files are read with the File API, analysed by the core in
//! WebAssembly, and rendered. The app requests nothing but its own static files (the
//! wasm, and `data/`: catalog, prices, rules, the sample estate) and stores no inventory
//! data beyond the target region's name and the decisions recorded on findings (in this
//! browser's local storage). Natively the binary only says where it runs; the pure parts (`state`, `table`, `triage`,
//! `comparison`, `assessment`, `format`) also compile natively for their unit tests.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(any(target_arch = "wasm32", test))]
mod assessment;
#[cfg(target_arch = "wasm32")]
mod background;
#[cfg(any(target_arch = "wasm32", test))]
mod comparison;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod crash;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(any(target_arch = "wasm32", test))]
mod export;
#[cfg(any(target_arch = "wasm32", test))]
mod format;
#[cfg(any(target_arch = "wasm32", test))]
mod graph_scope;
#[cfg(any(target_arch = "wasm32", test))]
mod order;
// The worker binary (`worker.rs`) runs the order; the page only writes it.
#[cfg(any(target_arch = "wasm32", test))]
#[allow(dead_code)]
mod protocol;
#[cfg(any(target_arch = "wasm32", test))]
mod state;
#[cfg(target_arch = "wasm32")]
mod static_files;
#[cfg(any(target_arch = "wasm32", test))]
mod story;
#[cfg(any(target_arch = "wasm32", test))]
mod table;
#[cfg(any(target_arch = "wasm32", test))]
mod triage;

#[cfg(target_arch = "wasm32")]
fn main() {
    app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "regionshift-web is the RegionShift browser app: build it with `trunk build` and open dist/index.html \
         through a static server. For the command line, use `regionshift`."
    );
}
