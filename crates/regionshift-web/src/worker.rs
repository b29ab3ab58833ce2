//! `regionshift-worker`: the Web Worker that builds the dashboard's downloads off the
//! page's thread, so the page stays responsive while a large estate's report is
//! analysed, modelled and rendered (and can be cancelled: the page terminates the worker).
//!
//! Trunk builds it as a second wasm entry (`data-type="worker"` in `index.html`, the
//! `no-modules` bindings and a loader shim, `regionshift-worker_loader.js`). It listens
//! for [`protocol::Order`]s and answers with [`protocol::Reply`]s; the work is
//! [`protocol::fulfil`], which is pure. A panic is caught by the hook installed first:
//! it posts the stage and the message to the page (which says the analysis failed and
//! keeps the inputs), then the instance aborts.

// Shared with the page (`main.rs`), which uses the parts the worker does not.
#[cfg(target_arch = "wasm32")]
#[allow(dead_code)]
mod export;
#[cfg(target_arch = "wasm32")]
#[allow(dead_code)]
mod protocol;
#[cfg(target_arch = "wasm32")]
#[allow(dead_code)]
mod static_files;

#[cfg(target_arch = "wasm32")]
mod listen {
    //! The worker's side of the messages.

    use std::cell::{Cell, RefCell};

    use js_sys::{Array, Reflect, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use crate::protocol::{fulfil, Order, Reply, Stage};

    thread_local! {
        static STAGE: Cell<&'static str> = const { Cell::new("starting the worker") };
        static JOB: Cell<Option<u32>> = const { Cell::new(None) };
        /// Orders that came before the data files were installed, and whether they are.
        static WAITING: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
        static READY: Cell<bool> = const { Cell::new(false) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Posts a reply, with the bytes beside it (their buffer transferred, not copied).
    fn post(reply: &Reply, bytes: Option<Uint8Array>) {
        let message = js_sys::Object::new();
        let header = serde_json::to_string(reply).unwrap_or_default();
        let _ = Reflect::set(&message, &JsValue::from_str("header"), &JsValue::from_str(&header));
        let sent = match bytes {
            Some(bytes) => {
                let _ = Reflect::set(&message, &JsValue::from_str("bytes"), &bytes);
                scope().post_message_with_transfer(&message, &Array::of1(&bytes.buffer()))
            }
            None => scope().post_message(&message),
        };
        if sent.is_err() {
            web_sys::console::error_1(&JsValue::from_str("RegionShift's worker could not answer the page"));
        }
    }

    fn failed(message: String, location: String) {
        let stage = STAGE.with(Cell::get).to_string();
        post(&Reply::Failed { job: JOB.with(Cell::get), stage, message, location }, None);
    }

    /// Installs the panic hook, then listens.
    pub fn start() {
        std::panic::set_hook(Box::new(|info| {
            let message = match info.payload().downcast_ref::<&str>() {
                Some(text) => (*text).to_string(),
                None => info.payload().downcast_ref::<String>().cloned().unwrap_or_else(|| "(no message)".to_string()),
            };
            let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            failed(message, location);
        }));
        // Orders are taken at once and kept until the core's data files are installed
        // (read from the site, like the page's): none is lost to the wait.
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            if READY.with(Cell::get) {
                work(&event.data());
            } else {
                WAITING.with(|waiting| waiting.borrow_mut().push(event.data()));
            }
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        wasm_bindgen_futures::spawn_local(async {
            STAGE.with(|s| s.set("loading the catalog, prices and rules"));
            if let Err(message) = crate::static_files::install_data().await {
                return failed(format!("the worker could not load its data files: {message}"), String::new());
            }
            READY.with(|ready| ready.set(true));
            STAGE.with(|s| s.set("waiting for an order"));
            post(&Reply::Ready, None);
            for order in WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut())) {
                work(&order);
            }
        });
    }

    fn work(data: &JsValue) {
        STAGE.with(|s| s.set("reading the order"));
        JOB.with(|j| j.set(None));
        let header = Reflect::get(data, &JsValue::from_str("header")).ok().and_then(|h| h.as_string());
        let order: Order = match header.as_deref().map(serde_json::from_str) {
            Some(Ok(order)) => order,
            Some(Err(error)) => return failed(format!("the order could not be read: {error}"), String::new()),
            None => return failed("the message carries no order".to_string(), String::new()),
        };
        JOB.with(|j| j.set(Some(order.job)));
        let files = Reflect::get(data, &JsValue::from_str("files")).unwrap_or(JsValue::UNDEFINED);
        let bytes: Vec<Vec<u8>> = Array::from(&files).iter().map(|buffer| Uint8Array::new(&buffer).to_vec()).collect();
        let job = order.job;
        let result = fulfil(&order, bytes, |stage| {
            STAGE.with(|s| s.set(stage.describe()));
            post(&Reply::Progress { job, stage }, None);
            test_panic(&order, stage);
        });
        match result {
            Ok(download) => {
                let bytes = Uint8Array::from(download.text.as_bytes());
                drop(download.text);
                post(&Reply::Done { job, name: download.name, mime: download.mime.to_string() }, Some(bytes));
            }
            Err(message) => failed(message, String::new()),
        }
        STAGE.with(|s| s.set("waiting for an order"));
        JOB.with(|j| j.set(None));
    }

    /// With the `test-hooks` feature: panics at the stage the order asks for
    /// (`?panic=worker-report` in the page's URL). Without it this does nothing.
    fn test_panic(order: &Order, stage: Stage) {
        #[cfg(feature = "test-hooks")]
        if order.panic_at.as_deref() == Some(stage.id()) {
            panic!("a test panic at the worker's {} stage, as the page's URL asked (test-hooks build)", stage.id());
        }
        #[cfg(not(feature = "test-hooks"))]
        let _ = (order, stage);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    listen::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("regionshift-worker is the RegionShift app's Web Worker: Trunk builds it with the app (index.html).");
}
