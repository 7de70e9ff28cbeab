//! The pure core.
pub mod domain;
pub mod ids;
pub mod process;
pub mod store;
