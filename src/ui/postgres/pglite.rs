//! PGlite, PostgreSQL compiled to wasm, seen from Rust: started on demand
//! from its module (`dist/pglite/index.js`, copied there at build time by
//! `scripts/copy-pglite.mjs`), then sent one statement at a time.
//!
//! The module is imported with the page's own `import()`, so nothing of
//! PGlite is in the app's bundle or loads before the person switches
//! PostgreSQL on. Every failure comes back as a message, never a panic.
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::sql::{Answer, command_tag};

/// Where PGlite's module is, relative to the page: the build copies it
/// there. A page may name another place in `<meta name="es-playground-pglite">`
/// (the browser tests load it from `node_modules`).
const MODULE: &str = "pglite/index.js";

/// One PostgreSQL database, in this page's memory.
pub struct Database {
    db: JsValue,
}

/// What one statement gave: its answer, and the first column of its first
/// row as text (a read-back's JSON), if any.
pub struct Sent {
    pub answer: Answer,
    pub first_value: Option<String>,
}

/// Loads PGlite and starts a database (PostgreSQL's `initdb` runs here:
/// about two seconds).
pub async fn start() -> Result<Database, String> {
    let document = gloo::utils::document();
    let base = document
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| ".".to_owned());
    if base.starts_with("file:") {
        return Err("PostgreSQL in the page needs the page served over http (make serve, or any web server on the dist folder): a browser does not load it from a file".to_owned());
    }
    let named = document
        .query_selector("meta[name=es-playground-pglite]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"));
    let url = web_sys::Url::new_with_base(named.as_deref().unwrap_or(MODULE), &base)
        .map_err(|_| "the address of PostgreSQL's files could not be formed".to_owned())?
        .href();
    let import = Function::new_with_args("url", "return import(url)");
    let module = awaited(import.call1(&JsValue::NULL, &JsValue::from_str(&url)))
        .await
        .map_err(|error| format!("PostgreSQL's files could not be loaded from {url}: {error}"))?;
    let class = Reflect::get(&module, &"PGlite".into()).unwrap_or(JsValue::UNDEFINED);
    let create = method(&class, "create")
        .ok_or_else(|| format!("{url} is not PGlite (it has no PGlite.create)"))?;
    let db = awaited(create.call0(&class))
        .await
        .map_err(|error| format!("PostgreSQL could not start: {error}"))?;
    Ok(Database { db })
}

impl Database {
    /// Sends one statement (the simple query protocol, as `psql` does).
    pub async fn send(&self, statement: &str) -> Sent {
        let exec = method(&self.db, "exec");
        let result = match exec {
            Some(exec) => awaited(exec.call1(&self.db, &JsValue::from_str(statement))).await,
            None => Err(Refusal::plain("this PGlite has no exec")),
        };
        match result {
            Ok(results) => {
                let last = results
                    .dyn_into::<Array>()
                    .map_or(JsValue::UNDEFINED, |results| results.pop());
                let rows: Array = Reflect::get(&last, &"rows".into())
                    .ok()
                    .and_then(|rows| rows.dyn_into().ok())
                    .unwrap_or_default();
                let affected = Reflect::get(&last, &"affectedRows".into())
                    .ok()
                    .and_then(|n| n.as_f64())
                    .unwrap_or(0.0) as usize;
                let first_row = rows.get(0);
                let first_value = first_row
                    .is_object()
                    .then(|| js_sys::Object::values(first_row.unchecked_ref()).get(0))
                    .and_then(|value: JsValue| value.as_string());
                Sent {
                    answer: Answer::Done(command_tag(statement, rows.length() as usize, affected)),
                    first_value,
                }
            }
            Err(refusal) => Sent {
                answer: Answer::Error {
                    message: refusal.message,
                    constraint: refusal.constraint,
                },
                first_value: None,
            },
        }
    }

    /// Ends the database and frees its memory.
    pub fn close(&self) {
        if let Some(close) = method(&self.db, "close") {
            // A promise nobody waits for: the database is let go either way.
            let _ = close.call0(&self.db);
        }
    }
}

/// Why a call was refused: the message, and a constraint PostgreSQL named.
struct Refusal {
    message: String,
    constraint: Option<String>,
}

impl Refusal {
    fn plain(message: &str) -> Refusal {
        Refusal {
            message: message.to_owned(),
            constraint: None,
        }
    }

    fn of(error: &JsValue) -> Refusal {
        let text = |name: &str| {
            Reflect::get(error, &name.into())
                .ok()
                .and_then(|value| value.as_string())
                .filter(|value| !value.is_empty())
        };
        Refusal {
            message: text("message")
                .or_else(|| error.as_string())
                .unwrap_or_else(|| "an unknown error".to_owned()),
            constraint: text("constraint"),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A method of `object`, if it has one.
fn method(object: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(object, &name.into()).ok()?.dyn_into().ok()
}

/// What a call returned, awaited if it is a promise.
async fn awaited(called: Result<JsValue, JsValue>) -> Result<JsValue, Refusal> {
    let value = called.map_err(|error| Refusal::of(&error))?;
    match value.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(|error| Refusal::of(&error)),
        Err(value) => Ok(value),
    }
}
