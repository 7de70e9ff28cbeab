//! The web app's entry point: Trunk builds this binary for wasm32 and the page
//! starts it. Natively there is nothing to run; it says where the app lives.

#[cfg(target_arch = "wasm32")]
fn main() {
    es_playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("es-playground runs in the browser: `make serve`, then open http://127.0.0.1:8080/");
}
