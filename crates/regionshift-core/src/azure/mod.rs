//! The Azure vocabulary every layer speaks: resource ids, resource types and what kind
//! of thing each is, locations, regions and clouds. A leaf: it knows nothing of files, inventories or analyses.

pub mod classes;
mod id;
mod location;
pub mod regions;
mod types;

pub use classes::{class_of, DataVolume, Phase, Role, TypeClass};
pub use id::{IdError, ResourceId};
pub use location::Location;
pub use regions::{Cloud, Region};
pub use types::ResourceType;
