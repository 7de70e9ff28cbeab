//! The Yew single-page app: function components over one reducer
//! ([`state`]). Only compiled for wasm32; everything it shows comes from
//! [`crate::core`], and it holds no domain rule of its own.
mod app;
mod browser;
mod commands;
mod controls;
mod cursors;
mod details;
mod graph;
mod lesson_checks;
mod lesson_player;
mod lessons;
mod order_index;
mod panels;
pub mod panic_banner;
mod process;
mod spec_result;
mod specs;
pub mod state;
mod store_refusals;
mod streams;
mod virtual_list;

pub use app::{App, CORRUPT_KEY, STORAGE_KEY};

/// Mounts the app on the page's `<body>`.
pub fn start() {
    panic_banner::install();
    yew::Renderer::<App>::new().render();
}
