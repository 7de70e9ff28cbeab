//! The Yew single-page app: function components over one reducer.
//! Only compiled for wasm32; everything it shows comes from [`crate::core`].
mod app;
mod panels;

pub use app::App;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
