//! The pure core.
pub mod codec;
pub mod domain;
pub mod ids;
pub mod lessons;
pub mod process;
pub mod session;
pub mod spec;
pub mod sql;
pub mod store;
pub mod words;
