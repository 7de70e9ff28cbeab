//! The Yew single-page app: function components over one reducer
//! ([`state`]). Only compiled for wasm32; everything it shows comes from
//! [`crate::core`], and it holds no domain rule of its own.
mod app;
mod autosave;
mod browser;
mod controls;
mod lessons;
pub mod library;
mod long_work;
mod notice;
mod panels;
mod postgres;
/// The Process state panel's sorted list of orders (its browser test builds one).
pub use panels::order_index::OrderIndex;
pub mod panic_banner;
mod sessions;
mod share_link;
pub mod slices;
mod sql_export;
pub mod state;
mod store_refusals;
mod tabs;
mod virtual_list;
mod working_bar;

pub use app::{App, DARK_KEY};
pub use autosave::{CORRUPT_KEY, DEBOUNCE_MS, STORAGE_KEY, restores_done};
pub use share_link::SHARE_PREFIX;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    panic_banner::install();
    yew::Renderer::<App>::new().render();
}
