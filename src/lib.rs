//! es-playground: an in-browser playground for event sourcing and process managers.
//!
//! [`core`] is pure Rust (event store, process managers, specifications,
//! sessions) and runs natively under `cargo test`. `ui` is the Yew
//! single-page app; it exists only on `wasm32`, so the core cannot reach it.
// Errors are values: outside tests, nothing may unwrap, expect or panic.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
