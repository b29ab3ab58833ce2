//! A panic is never a frozen page. The panic hook, installed before anything else runs,
//! says "Something went wrong while <stage>" with the panic's message at the top of the
//! page, keeps the page as it was (the loaded files stay listed; the app underneath is
//! made inert, since its state can no longer be trusted), and offers two downloads: a
//! diagnostic bundle without subscription data, and, only if the person chooses that
//! link, the same bundle with their input files and options packed as a report packs
//! them (so the team can reproduce it).
//!
//! Release builds use `panic = "abort"`: the hook runs before the abort (the standard
//! library calls the hook, then traps), so everything here is done inside the hook,
//! with plain DOM calls and `blob:` links that outlive the WebAssembly instance. Nothing
//! is sent anywhere.
//!
//! The stage is what the app was doing ([`enter`]); the inputs are the last ones handed
//! to the analysis ([`remember_inputs`]: shared handles, no copy).
//!
//! With the `test-hooks` feature (never in a published build) `?panic=STAGE` in the
//! page's URL makes the app panic at that stage, so the journeys can check all this in a
//! release (abort) build. Without the feature the code is not compiled: no input and no
//! URL can trigger it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use regionshift_core::report::{PackedSource, Source};
use regionshift_core::{AnalysisOptions, InputFile};
use wasm_bindgen::{JsCast, JsValue};

/// Named files as the app holds them.
pub type Files = Vec<(String, Rc<Vec<u8>>)>;

thread_local! {
    static STAGE: Cell<&'static str> = const { Cell::new("starting the app") };
    static INPUTS: RefCell<Option<Remembered>> = const { RefCell::new(None) };
    static CRASHED: Cell<bool> = const { Cell::new(false) };
}

/// The inputs and options of the latest analysis.
struct Remembered {
    inputs: Files,
    catalog: Files,
    prices: Files,
    options: AnalysisOptions,
}

/// Installs the hook. Call it first, before the app starts. Installed through Yew, or
/// Yew's renderer replaces it with its own console-only hook when the app mounts (which
/// left a panicking page frozen with nothing said).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(text) => (*text).to_string(),
            None => info.payload().downcast_ref::<String>().cloned().unwrap_or_else(|| "(no message)".to_string()),
        };
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        report(&message, &location);
    }));
}

/// Says what the app is doing now, until the returned guard is dropped (then the stage
/// before it holds again).
pub fn enter(stage: &'static str) -> StageGuard {
    StageGuard { previous: STAGE.with(|s| s.replace(stage)) }
}

/// Says what the app is doing from now on (its resting stage).
pub fn settle(stage: &'static str) {
    STAGE.with(|s| s.set(stage));
}

/// Restores the previous stage when dropped.
pub struct StageGuard {
    previous: &'static str,
}

impl Drop for StageGuard {
    fn drop(&mut self) {
        STAGE.with(|s| s.set(self.previous));
    }
}

/// Keeps handles on the files an analysis is about to read, for the bundle the person
/// may choose to download with their inputs. The bytes are shared, not copied.
pub fn remember_inputs(inputs: &Files, catalog: &Files, prices: &Files, options: &AnalysisOptions) {
    let options = AnalysisOptions { catalog_files: Vec::new(), price_files: Vec::new(), ..options.clone() };
    let remembered = Remembered { inputs: inputs.clone(), catalog: catalog.clone(), prices: prices.clone(), options };
    INPUTS.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(remembered);
        }
    });
}

/// With the `test-hooks` feature: panics when the page's URL asks for a panic at `stage`
/// (`?panic=analysis`). Without it this does nothing and compiles to nothing.
pub fn test_panic(stage: &str) {
    #[cfg(feature = "test-hooks")]
    {
        let search = gloo::utils::window().location().search().unwrap_or_default();
        if search.trim_start_matches('?').split('&').any(|pair| pair == format!("panic={stage}")) {
            panic!("a test panic at the {stage} stage, as the page's URL asked (test-hooks build)");
        }
    }
    #[cfg(not(feature = "test-hooks"))]
    let _ = stage;
}

/// The bundle as JSON: what went wrong and where, this build and browser, and the
/// inputs' sizes; their names and contents only with `with_inputs`.
fn bundle(message: &str, location: &str, stage: &str, with_inputs: bool) -> String {
    let user_agent = gloo::utils::window().navigator().user_agent().unwrap_or_default();
    let (sizes, packed) = INPUTS.with(|slot| {
        let Ok(slot) = slot.try_borrow() else { return (Vec::new(), None) };
        let Some(remembered) = slot.as_ref() else { return (Vec::new(), None) };
        let sizes: Vec<serde_json::Value> =
            [("inventory", &remembered.inputs), ("catalog", &remembered.catalog), ("prices", &remembered.prices)]
                .into_iter()
                .flat_map(|(role, files)| {
                    files.iter().map(move |(_, bytes)| serde_json::json!({ "role": role, "size": bytes.len() }))
                })
                .collect();
        let packed = with_inputs.then(|| {
            let to_files = |files: &Files| {
                files.iter().map(|(name, bytes)| InputFile::new(name.clone(), bytes.as_slice())).collect()
            };
            let options = AnalysisOptions {
                catalog_files: to_files(&remembered.catalog),
                price_files: to_files(&remembered.prices),
                ..remembered.options.clone()
            };
            PackedSource::pack(&Source { files: to_files(&remembered.inputs), options })
        });
        (sizes, packed)
    });
    let mut bundle = serde_json::json!({
        "schema": "regionshift.crash/1",
        "generator": concat!("RegionShift ", env!("CARGO_PKG_VERSION")),
        "stage": stage,
        "message": message,
        "location": location,
        "browser": user_agent,
        "inputs": sizes,
        "subscription_data": with_inputs,
    });
    if let (Some(packed), Some(object)) = (packed, bundle.as_object_mut()) {
        object.insert("source".to_string(), serde_json::to_value(packed).unwrap_or_default());
    }
    serde_json::to_string_pretty(&bundle).unwrap_or_default()
}

/// The diagnostic bundles of a failure the page survived (the download worker's
/// panic), as `blob:` URLs: without the inputs, then with them.
pub fn bundle_links(message: &str, location: &str, stage: &str) -> Vec<String> {
    [false, true]
        .into_iter()
        .filter_map(|with_inputs| blob_url(&bundle(message, location, stage, with_inputs)))
        .collect()
}

/// With the `test-hooks` feature: the worker stage the page's URL asks the worker to
/// panic at (`?panic=worker-report`). Without it, none.
pub fn worker_test_panic() -> Option<String> {
    #[cfg(feature = "test-hooks")]
    {
        let search = gloo::utils::window().location().search().unwrap_or_default();
        search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("panic=worker-").map(str::to_string))
    }
    #[cfg(not(feature = "test-hooks"))]
    None
}

/// A `blob:` URL holding `text`, which stays valid after the instance traps.
fn blob_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn report(message: &str, location: &str) {
    let stage = STAGE.with(Cell::get);
    gloo::console::error!(format!("RegionShift: something went wrong while {stage}: {message} ({location})"));
    // A second panic (the app touched after the first) adds nothing.
    if CRASHED.with(|crashed| crashed.replace(true)) {
        return;
    }
    if let Err(error) = show(message, location, stage) {
        gloo::console::error!("the error could not be shown in the page:", error);
    }
}

fn show(message: &str, location: &str, stage: &str) -> Result<(), JsValue> {
    let document = gloo::utils::document();
    let body = document.body().ok_or_else(|| JsValue::from_str("no <body>"))?;
    let element = |tag: &str, class: &str, text: &str| -> Result<web_sys::Element, JsValue> {
        let element = document.create_element(tag)?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        element.set_text_content(Some(text));
        Ok(element)
    };
    let panel = element("section", "crash", "")?;
    panel.set_attribute("role", "alert")?;
    panel.set_attribute("data-testid", "crash-report")?;
    let heading = element("h2", "", &format!("Something went wrong while {stage}"))?;
    let said = element("p", "crash-message", message)?;
    let explained = element(
        "p",
        "",
        "This is a bug in RegionShift, not a problem with your files. The files you loaded are still listed below, \
         but the page has stopped working: reload it to start again (nothing was uploaded, and nothing is kept).",
    )?;
    for child in [&heading, &said, &explained] {
        panel.append_child(child)?;
    }
    let links = element("p", "crash-downloads", "")?;
    for (with_inputs, test_id, label) in [
        (false, "crash-bundle", "Download a diagnostic bundle (no subscription data)"),
        (true, "crash-bundle-with-inputs", "…with my input files and options (contains subscription data)"),
    ] {
        let Some(url) = blob_url(&bundle(message, location, stage, with_inputs)) else { continue };
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        anchor.set_href(&url);
        anchor.set_download(if with_inputs { "regionshift-crash-with-inputs.json" } else { "regionshift-crash.json" });
        anchor.set_text_content(Some(label));
        anchor.set_attribute("data-testid", test_id)?;
        links.append_child(&anchor)?;
        links.append_child(&document.create_text_node(" "))?;
    }
    panel.append_child(&links)?;
    let reload: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    reload.set_href(&gloo::utils::window().location().pathname().unwrap_or_default());
    reload.set_text_content(Some("Reload the page"));
    panel.append_child(&reload)?;
    // The app's own elements stay visible but take no more input.
    if let Some(app) = document.get_element_by_id("app") {
        app.set_attribute("inert", "")?;
    }
    body.insert_before(&panel, body.first_child().as_ref())?;
    Ok(())
}
