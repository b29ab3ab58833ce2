//! The Azure vocabulary every layer speaks: resource ids, resource types, locations,
//! regions and clouds. A leaf: it knows nothing of files, inventories or analyses.

mod id;
mod location;
pub mod regions;
mod types;

pub use id::{IdError, ResourceId};
pub use location::Location;
pub use regions::{Cloud, Region};
pub use types::ResourceType;
