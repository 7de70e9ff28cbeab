//! The pure core.
pub mod ids;
pub mod store;
