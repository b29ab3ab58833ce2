//! The app's components, one concern each. `layout` is the page and `workspace` the
//! views once something is loaded; they reach the root's effects through [`Effects`]
//! and change the state only by dispatching actions.

pub mod assessment_view;
pub mod bars;
pub mod compare_view;
pub mod completeness;
pub mod cost_view;
pub mod dashboard;
pub mod diagnostics;
pub mod drop_zone;
pub mod file_list;
pub mod findings_triage;
pub mod inventory_view;
pub mod landing;
pub mod layout;
pub mod pager;
pub mod plan_view;
pub mod progress;
pub mod resource_assessment;
pub mod resource_detail;
pub mod resource_story;
pub mod resource_table;
pub mod side_files;
pub mod target;
pub mod workspace;

use std::ops::Deref;
use std::rc::Rc;
use std::sync::Arc;

use yew::{Callback, UseReducerHandle};

use crate::state::{Action, Destination, DownloadRequest, State};

/// The effects the root component runs, as callbacks for the components.
#[derive(Clone, PartialEq)]
pub struct Effects {
    /// Reads files (picked or dropped) as inventory, catalog or price files.
    pub read_files: Callback<(Vec<web_sys::File>, Destination)>,
    /// Chooses the target region (a programmatic name), or none, and remembers it in
    /// this browser.
    pub set_target: Callback<Option<String>>,
    /// Builds a download and offers it as a file.
    pub download: Callback<DownloadRequest>,
}

/// A callback that dispatches the action `action` makes of its argument.
pub fn dispatch<T: 'static>(state: &UseReducerHandle<State>, action: fn(T) -> Action) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(action(value)))
}

/// A shared value compared by identity: props holding the analysis re-render only when a
/// new analysis arrives, without comparing 100,000 resources.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// A value the core shares as an `Arc` (a comparison), compared by identity like
/// [`Shared`].
#[derive(Debug)]
pub struct SharedArc<T>(pub Arc<T>);

impl<T> Clone for SharedArc<T> {
    fn clone(&self) -> SharedArc<T> {
        SharedArc(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for SharedArc<T> {
    fn eq(&self, other: &SharedArc<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for SharedArc<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}
