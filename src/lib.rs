//! es-playground: an in-browser playground for event sourcing and process managers.
//!
//! [`core`] is pure Rust (event store, process managers, specifications,
//! benchmark workload) and runs natively under `cargo test`. [`ui`] is the Yew
//! single-page app; it exists only on `wasm32`, so the core cannot reach it.
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
