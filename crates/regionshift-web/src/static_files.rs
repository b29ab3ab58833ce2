//! The app's own static files, read from the site that serves it: the core's data files
//! (installed into the core before the page starts, see `regionshift_core::data`) and
//! the sample estate. They sit beside the wasm (`data/`, copied by Trunk) instead of in
//! it, which keeps the wasm within its size budget. Only the page's own origin is asked:
//! the Content-Security-Policy (`connect-src 'self'`) allows nothing else.

use std::collections::HashMap;

use regionshift_core::data::{self, DataFile};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The sample estate's path under the site's base.
pub const SAMPLE_PATH: &str = "data/sample-estate.json";

/// Reads one file of the site, relative to the document's base (the site may live under
/// any sub-path) on the page, or to the worker's own script in the download worker
/// (which Trunk puts beside the page), as bytes.
pub async fn read(path: &str) -> Result<Vec<u8>, String> {
    let global = js_sys::global();
    let (base, fetch) = match global.dyn_ref::<web_sys::Window>() {
        Some(window) => {
            let base = window.document().and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
            (base, Fetch::Page(window.clone()))
        }
        None => {
            let scope: web_sys::WorkerGlobalScope = global.unchecked_into();
            (scope.location().href(), Fetch::Worker(scope))
        }
    };
    let url = web_sys::Url::new_with_base(path, &base).map_err(|_| format!("{path}: not a path of this site"))?;
    let promise = match &fetch {
        Fetch::Page(window) => window.fetch_with_str(&url.href()),
        Fetch::Worker(scope) => scope.fetch_with_str(&url.href()),
    };
    let response = JsFuture::from(promise).await.map_err(|_| format!("{path}: the site did not answer"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| format!("{path}: no response"))?;
    if !response.ok() {
        return Err(format!("{path}: the site answered {} {}", response.status(), response.status_text()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| format!("{path}: the body cannot be read"))?)
        .await
        .map_err(|_| format!("{path}: the body could not be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Where a read runs: the page or the download worker.
enum Fetch {
    Page(web_sys::Window),
    Worker(web_sys::WorkerGlobalScope),
}

/// Reads every data file the core needs and installs them. Called once, before the
/// page starts.
pub async fn install_data() -> Result<(), String> {
    let mut files = HashMap::new();
    for file in DataFile::ALL {
        let path = format!("data/{}", file.path());
        let bytes = read(&path).await?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text"))?;
        files.insert(*file, text);
    }
    data::install(files).map_err(|error| error.to_string())
}
