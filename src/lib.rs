//! es-playground: a pure event-sourcing core plus, on wasm32, its Yew UI.
pub mod core;
