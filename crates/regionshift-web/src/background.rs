//! The download worker seen from the page: starts `regionshift-worker_loader.js` (next to
//! the page, resolved against `<base>`, so any sub-path works), posts orders once the
//! worker listens (earlier ones wait in a queue), and hands every reply to the app.
//! Dropping the handle terminates the worker: that is how a download is cancelled.
//!
//! Where no worker can start (a page opened from `file://`, where Chromium refuses
//! workers), [`Background::start`] fails and the app says downloads need a worker (the
//! page carries no report writer of its own).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::protocol::{Order, Reply};

/// The worker's loader (Trunk's shim), named after the binary without a hash.
const LOADER: &str = "regionshift-worker_loader.js";

/// What the worker said, or that it broke without saying anything: it could not load
/// (`ready` false), or it stopped.
pub enum Heard {
    Reply(Reply, Option<Uint8Array>),
    Broken { ready: bool, message: String },
}

/// A message waiting for the worker to listen.
type Pending = (JsValue, Array);

/// A running worker; terminated when dropped.
pub struct Background {
    worker: Worker,
    queue: Rc<RefCell<Option<Vec<Pending>>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Background {
    /// Starts a worker whose replies go to `heard`.
    pub fn start(heard: yew::Callback<Heard>) -> Result<Background, String> {
        let base = gloo::utils::document().base_uri().ok().flatten().unwrap_or_default();
        let url = web_sys::Url::new_with_base(LOADER, &base).map_err(describe)?.href();
        let worker = Worker::new(&url).map_err(describe)?;
        // `None` once the worker listens; until then, the messages to post.
        let queue: Rc<RefCell<Option<Vec<Pending>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let on_message = {
            let (queue, worker, heard) = (Rc::clone(&queue), worker.clone(), heard.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                let header = Reflect::get(&data, &JsValue::from_str("header")).ok().and_then(|h| h.as_string());
                let reply = match header.as_deref().map(serde_json::from_str::<Reply>) {
                    Some(Ok(reply)) => reply,
                    _ => {
                        let message = "the worker sent a message the page cannot read".to_string();
                        return heard.emit(Heard::Broken { ready: queue.borrow().is_none(), message });
                    }
                };
                if reply == Reply::Ready {
                    let pending = queue.borrow_mut().take().unwrap_or_default();
                    for (message, transfer) in pending {
                        if let Err(error) = worker.post_message_with_transfer(&message, &transfer) {
                            heard.emit(Heard::Broken { ready: true, message: describe(error) });
                        }
                    }
                    return;
                }
                let bytes = Reflect::get(&data, &JsValue::from_str("bytes")).ok().and_then(|b| b.dyn_into().ok());
                heard.emit(Heard::Reply(reply, bytes));
            })
        };
        let on_error = {
            let queue = Rc::clone(&queue);
            Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
                event.prevent_default();
                let ready = queue.borrow().is_none();
                let message = event.message();
                let message = if message.is_empty() { "the worker could not start".to_string() } else { message };
                heard.emit(Heard::Broken { ready, message });
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Background { worker, queue, _on_message: on_message, _on_error: on_error })
    }

    /// Posts an order with the bytes of its files (copied once out of the page's
    /// memory, then transferred).
    pub fn send(&self, order: &Order, files: &[Rc<Vec<u8>>]) -> Result<(), String> {
        let header = serde_json::to_string(order).map_err(|e| e.to_string())?;
        let buffers = Array::new();
        let transfer = Array::new();
        for bytes in files {
            let array = Uint8Array::from(bytes.as_slice());
            transfer.push(&array.buffer());
            buffers.push(&array);
        }
        let message = js_sys::Object::new();
        Reflect::set(&message, &JsValue::from_str("header"), &JsValue::from_str(&header)).map_err(describe)?;
        Reflect::set(&message, &JsValue::from_str("files"), &buffers).map_err(describe)?;
        let message = JsValue::from(message);
        if let Some(pending) = self.queue.borrow_mut().as_mut() {
            pending.push((message, transfer));
            return Ok(());
        }
        self.worker.post_message_with_transfer(&message, &transfer).map_err(describe)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}
