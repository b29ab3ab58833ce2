//! The app's components, one concern each.

pub mod assessment_view;
pub mod bars;
pub mod completeness;
pub mod cost_view;
pub mod dashboard;
pub mod diagnostics;
pub mod drop_zone;
pub mod file_list;
pub mod inventory_view;
pub mod landing;
pub mod plan_view;
pub mod resource_assessment;
pub mod resource_detail;
pub mod resource_table;
pub mod side_files;
pub mod target;

use std::ops::Deref;
use std::rc::Rc;

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
