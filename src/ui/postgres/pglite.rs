//! PGlite, PostgreSQL compiled to wasm, seen from Rust: started on demand
//! from its module (`dist/pglite/index.js`, copied there at build time by
//! `scripts/copy-pglite.mjs`) in a Web Worker, then sent one statement at
//! a time.
//!
//! PostgreSQL's start (`initdb`, over a second) and its statements run in
//! the worker, so the page keeps answering while they run. The worker is
//! the short script [`WORKER`], handed over as a `blob:` address; it
//! imports PGlite with `import()`, so nothing of PGlite is in the app's
//! bundle or loads before the person switches PostgreSQL on. Every failure
//! comes back as a message, never a panic.
use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker, WorkerOptions, WorkerType};

use crate::core::sql::{Answer, command_tag};

/// Where PGlite's module is, relative to the page: the build copies it
/// there. A page may name another place in `<meta name="es-playground-pglite">`
/// (the browser tests load it from `node_modules`).
const MODULE: &str = "pglite/index.js";

/// The worker, after a first line `const MODULE = "<PGlite's address>";`.
/// It starts PGlite, then answers each message in turn: `null` asks
/// whether it started, a text is a statement to run. A statement's answer
/// is `{ok, rows, affected, first}` (the first column of the first row,
/// if text) or `{ok: false, message, constraint}`.
const WORKER: &str = r#"
let db = null;
let failed = null;
let queue = import(MODULE)
  .then((pglite) => pglite.PGlite.create())
  .then((started) => { db = started; }, (error) => { failed = String(error?.message ?? error); });
self.onmessage = ({ data }) => {
  queue = queue.then(() => answer(data)).then((reply) => self.postMessage(reply));
};
async function answer(statement) {
  if (statement === null) return failed === null ? { ok: true } : { ok: false, message: failed };
  if (db === null) return { ok: false, message: failed ?? 'PostgreSQL did not start' };
  try {
    const results = await db.exec(statement);
    const last = results[results.length - 1] ?? {};
    const rows = last.rows ?? [];
    const first = rows.length > 0 ? Object.values(rows[0])[0] : null;
    return { ok: true, rows: rows.length, affected: last.affectedRows ?? 0,
      first: typeof first === 'string' ? first : null };
  } catch (error) {
    return { ok: false, message: String(error?.message ?? error), constraint: error?.constraint ?? null };
  }
}
"#;

/// One PostgreSQL database, in a worker of this page.
pub struct Database {
    worker: Worker,
    /// The reply awaited, if any: closing the database answers it, since a
    /// stopped worker never will.
    waiting: RefCell<Option<Function>>,
}

/// What one statement gave: its answer, and the first column of its first
/// row as text (a read-back's JSON), if any.
pub struct Sent {
    pub answer: Answer,
    pub first_value: Option<String>,
}

/// Loads PGlite in a worker and starts a database (PostgreSQL's `initdb`
/// runs there: a second or two).
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
    let url = Url::new_with_base(named.as_deref().unwrap_or(MODULE), &base)
        .map_err(|_| "the address of PostgreSQL's files could not be formed".to_owned())?
        .href();
    let worker = worker_for(&url).map_err(|error| {
        format!(
            "a worker for PostgreSQL could not be started: {}",
            Refusal::of(&error)
        )
    })?;
    let database = Database {
        worker,
        waiting: RefCell::new(None),
    };
    match database.ask(&JsValue::NULL).await {
        Ok(reply) if flag(&reply, "ok") => Ok(database),
        Ok(reply) => {
            database.close();
            Err(format!(
                "PostgreSQL's files could not be loaded from {url}, or it could not start: {}",
                Refusal::of(&reply)
            ))
        }
        Err(refusal) => {
            database.close();
            Err(format!("PostgreSQL could not start: {refusal}"))
        }
    }
}

/// A module worker running [`WORKER`] for PGlite at `url`.
fn worker_for(url: &str) -> Result<Worker, JsValue> {
    let module =
        serde_json::to_string(url).map_err(|error| JsValue::from_str(&error.to_string()))?;
    let source = Array::of1(&JsValue::from_str(&format!(
        "const MODULE = {module};\n{WORKER}"
    )));
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&source, &options)?;
    let address = Url::create_object_url_with_blob(&blob)?;
    let worker_options = WorkerOptions::new();
    worker_options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&address, &worker_options);
    // The worker has read its script or will from the blob it holds.
    let _ = Url::revoke_object_url(&address);
    worker
}

impl Database {
    /// Sends one statement (the simple query protocol, as `psql` does).
    pub async fn send(&self, statement: &str) -> Sent {
        let reply = match self.ask(&JsValue::from_str(statement)).await {
            Ok(reply) => reply,
            Err(refusal) => return refused(refusal),
        };
        if !flag(&reply, "ok") {
            return refused(Refusal::of(&reply));
        }
        let number = |name: &str| {
            Reflect::get(&reply, &name.into())
                .ok()
                .and_then(|n| n.as_f64())
                .unwrap_or(0.0) as usize
        };
        Sent {
            answer: Answer::Done(command_tag(statement, number("rows"), number("affected"))),
            first_value: Reflect::get(&reply, &"first".into())
                .ok()
                .and_then(|value| value.as_string()),
        }
    }

    /// Posts `message` to the worker and waits for its reply (one at a
    /// time: the follower sends the next statement after this answer).
    async fn ask(&self, message: &JsValue) -> Result<JsValue, Refusal> {
        let worker = &self.worker;
        let replied = Promise::new(&mut |resolve, _reject| {
            worker.set_onmessage(Some(&resolve));
            worker.set_onerror(Some(&resolve));
            self.waiting.replace(Some(resolve));
        });
        worker
            .post_message(message)
            .map_err(|error| Refusal::of(&error))?;
        let event = JsFuture::from(replied)
            .await
            .map_err(|error| Refusal::of(&error))?;
        self.waiting.replace(None);
        match event.dyn_into::<MessageEvent>() {
            Ok(message) => Ok(message.data()),
            // An error event: the worker's script failed.
            Err(error) => Err(Refusal::of(&error)),
        }
    }

    /// Ends the database and frees its memory (the worker is stopped).
    pub fn close(&self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        if let Some(waiting) = self.waiting.take() {
            let closed = JsValue::from_str("PostgreSQL in the page was switched off");
            // The awaited reply: an answer that is not a message is a refusal.
            let _ = waiting.call1(&JsValue::NULL, &closed);
        }
    }
}

/// A refused statement's answer.
fn refused(refusal: Refusal) -> Sent {
    Sent {
        answer: Answer::Error {
            message: refusal.message,
            constraint: refusal.constraint,
        },
        first_value: None,
    }
}

/// Whether `reply.name` is `true`.
fn flag(reply: &JsValue, name: &str) -> bool {
    Reflect::get(reply, &name.into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}

/// Why a call was refused: the message, and a constraint PostgreSQL named.
struct Refusal {
    message: String,
    constraint: Option<String>,
}

impl Refusal {
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
