//! The library of sessions: every session a person worked on, kept in the
//! browser's IndexedDB (local storage holds only a few megabytes).
//!
//! Two object stores: `meta` (one small JSON record per session: name, when,
//! how many events, which tab wrote it, its revision) for the list, and
//! `saves` (the compact save text, [`crate::core::session`]'s `to_save`),
//! written together in one transaction. A write states the revision it
//! expects, as an append to a stream does: if another tab saved the same
//! entry since, nothing is written and the caller keeps its version apart.
//!
//! The IndexedDB calls go through the `idb` crate (futures over the
//! request callbacks); the tab's own entry id lives in session storage,
//! which each tab has for itself and which survives a reload.
use std::cell::RefCell;
use std::rc::Rc;

use idb::{Database, ObjectStore, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

const DATABASE: &str = "es-playground";
const META: &str = "meta";
const SAVES: &str = "saves";
/// Session-storage key of the entry this tab shows.
pub const TAB_ENTRY_KEY: &str = "es-playground/tab-entry";
/// The channel tabs of one origin tell each other about saves on.
pub const CHANNEL: &str = "es-playground/library";

/// One session in the library, without its save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryMeta {
    pub id: String,
    pub name: String,
    /// When it was last saved, in milliseconds since 1970 (the browser's clock).
    pub saved_ms: f64,
    pub events: u64,
    pub actions: u64,
    /// The tab that last saved it.
    pub tab: String,
    /// Grows by one with every save of this entry.
    pub rev: u64,
}

/// What a save did.
#[derive(Debug)]
pub enum Saved {
    /// Written, now at this revision.
    At(u64),
    /// Another tab saved this entry since `expected`: nothing was written.
    Conflict(EntryMeta),
}

thread_local! {
    /// The open connection, shared: transactions then start in the order
    /// their calls were made (a save, then a read of it).
    static OPEN: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
}

async fn open() -> Result<Rc<Database>, String> {
    if let Some(db) = OPEN.with(|open| open.borrow().clone()) {
        return Ok(db);
    }
    let db = Database::builder(DATABASE)
        .version(1)
        .add_object_store(ObjectStore::builder(META))
        .add_object_store(ObjectStore::builder(SAVES))
        .build()
        .await
        .map_err(|e| format!("the browser's IndexedDB could not be opened ({e})"))?;
    let mut db = db;
    // A newer page (another tab) upgrading the database: let go of it; the
    // next call opens it again.
    db.on_version_change(|_| {
        if let Some(db) = OPEN.with(|open| open.borrow_mut().take()) {
            db.close();
            // Dropped after this callback, which the connection owns, returns.
            wasm_bindgen_futures::spawn_local(async move { drop(db) });
        }
    });
    let db = Rc::new(db);
    OPEN.with(|open| *open.borrow_mut() = Some(Rc::clone(&db)));
    Ok(db)
}

/// The message of a failed call: a full quota said in plain words.
fn fail(what: &str) -> impl Fn(idb::Error) -> String + '_ {
    move |e| {
        let detail = e.to_string();
        if detail.contains("QuotaExceeded") {
            "the browser's storage for this page is full".to_owned()
        } else {
            format!("the browser refused to {what} ({detail})")
        }
    }
}

/// Every entry, newest first.
pub async fn list() -> Result<Vec<EntryMeta>, String> {
    let db = open().await?;
    let tx = db
        .transaction(&[META], TransactionMode::ReadOnly)
        .map_err(fail("read the library"))?;
    let store = tx.object_store(META).map_err(fail("read the library"))?;
    let values = store
        .get_all(None, None)
        .map_err(fail("read the library"))?
        .await
        .map_err(fail("read the library"))?;
    let mut entries: Vec<EntryMeta> = values.iter().filter_map(parse_meta).collect();
    entries.sort_by(|a, b| b.saved_ms.total_cmp(&a.saved_ms));
    Ok(entries)
}

fn parse_meta(value: &JsValue) -> Option<EntryMeta> {
    serde_json::from_str(&value.as_string()?).ok()
}

/// One entry with its save text.
pub async fn load(id: &str) -> Result<Option<(EntryMeta, String)>, String> {
    let db = open().await?;
    let tx = db
        .transaction(&[META, SAVES], TransactionMode::ReadOnly)
        .map_err(fail("read the library"))?;
    let key = JsValue::from_str(id);
    let meta = tx.object_store(META).map_err(fail("read the library"))?;
    let meta = meta
        .get(key.clone())
        .map_err(fail("read the library"))?
        .await
        .map_err(fail("read the library"))?;
    let saves = tx.object_store(SAVES).map_err(fail("read the library"))?;
    let text = saves
        .get(key)
        .map_err(fail("read the library"))?
        .await
        .map_err(fail("read the library"))?;
    Ok(match (meta.as_ref().and_then(parse_meta), text) {
        (Some(meta), Some(text)) => text.as_string().map(|text| (meta, text)),
        _ => None,
    })
}

/// Writes `meta` and `text` if the entry is still at `expected` (or absent);
/// `meta.rev` is set to the new revision.
pub async fn save(mut meta: EntryMeta, text: &str, expected: Option<u64>) -> Result<Saved, String> {
    let db = open().await?;
    let what = "save the session";
    let tx = db
        .transaction(&[META, SAVES], TransactionMode::ReadWrite)
        .map_err(fail(what))?;
    let key = JsValue::from_str(&meta.id);
    let metas = tx.object_store(META).map_err(fail(what))?;
    let current = metas
        .get(key.clone())
        .map_err(fail(what))?
        .await
        .map_err(fail(what))?
        .as_ref()
        .and_then(parse_meta);
    if let Some(current) = current {
        if expected != Some(current.rev) {
            let _ = tx.abort();
            return Ok(Saved::Conflict(current));
        }
        meta.rev = current.rev + 1;
    } else {
        meta.rev = 1;
    }
    let json = serde_json::to_string(&meta).map_err(|e| e.to_string())?;
    metas
        .put(&JsValue::from_str(&json), Some(&key))
        .map_err(fail(what))?
        .await
        .map_err(fail(what))?;
    let saves = tx.object_store(SAVES).map_err(fail(what))?;
    saves
        .put(&JsValue::from_str(text), Some(&key))
        .map_err(fail(what))?
        .await
        .map_err(fail(what))?;
    let done = tx.commit().map_err(fail(what))?.await.map_err(fail(what))?;
    if done.is_aborted() {
        return Err(format!(
            "the browser refused to {what} (the write was aborted)"
        ));
    }
    Ok(Saved::At(meta.rev))
}

/// Gives an entry another name (its revision stays: a name is not content).
pub async fn rename(id: &str, name: &str) -> Result<(), String> {
    let db = open().await?;
    let what = "rename the session";
    let tx = db
        .transaction(&[META], TransactionMode::ReadWrite)
        .map_err(fail(what))?;
    let key = JsValue::from_str(id);
    let metas = tx.object_store(META).map_err(fail(what))?;
    let Some(mut meta) = metas
        .get(key.clone())
        .map_err(fail(what))?
        .await
        .map_err(fail(what))?
        .as_ref()
        .and_then(parse_meta)
    else {
        return Err("that session is no longer in the library".to_owned());
    };
    meta.name = name.to_owned();
    let json = serde_json::to_string(&meta).map_err(|e| e.to_string())?;
    metas
        .put(&JsValue::from_str(&json), Some(&key))
        .map_err(fail(what))?
        .await
        .map_err(fail(what))?;
    tx.commit().map_err(fail(what))?.await.map_err(fail(what))?;
    Ok(())
}

/// Removes an entry and its save.
pub async fn delete(id: &str) -> Result<(), String> {
    in_both_stores("delete the session", |store| {
        store.delete(JsValue::from_str(id))
    })
    .await
}

/// Empties the library (for tests and a fresh start).
pub async fn clear() -> Result<(), String> {
    in_both_stores("clear the library", ObjectStore::clear).await
}

/// Runs `request` on the entries' and the saves' stores in one transaction.
async fn in_both_stores<R>(
    what: &str,
    request: impl Fn(&ObjectStore) -> Result<R, idb::Error>,
) -> Result<(), String>
where
    R: std::future::IntoFuture<Output = Result<(), idb::Error>>,
{
    let db = open().await?;
    let tx = db
        .transaction(&[META, SAVES], TransactionMode::ReadWrite)
        .map_err(fail(what))?;
    for name in [META, SAVES] {
        let store = tx.object_store(name).map_err(fail(what))?;
        request(&store)
            .map_err(fail(what))?
            .await
            .map_err(fail(what))?;
    }
    tx.commit().map_err(fail(what))?.await.map_err(fail(what))?;
    Ok(())
}

/// The entry this tab showed before a reload, if any.
pub fn tab_entry() -> Option<String> {
    session_storage()?.get_item(TAB_ENTRY_KEY).ok().flatten()
}

/// Remembers the entry this tab shows.
pub fn set_tab_entry(id: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(TAB_ENTRY_KEY, id);
    }
}

/// Where this tab notes the entry whose long reopen is under way, until it
/// ends: found on the next page open, it means the reopen never ended (the
/// page was closed, or ran out of memory and was reloaded).
const REOPENING_KEY: &str = "es-playground/reopening";

/// Notes that the long reopen of entry `id` has begun.
pub fn note_reopening(id: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(REOPENING_KEY, id);
    }
}

/// The long reopen has ended (done, refused or cancelled).
pub fn reopening_ended() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(REOPENING_KEY);
    }
}

/// The entry whose long reopen never ended, if any (taken: asked once).
pub fn unfinished_reopen() -> Option<String> {
    let storage = session_storage()?;
    let id = storage.get_item(REOPENING_KEY).ok().flatten();
    let _ = storage.remove_item(REOPENING_KEY);
    id
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// A new id for an entry or a tab: the time and a random part.
pub fn new_id(prefix: &str) -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("{prefix}{:x}-{random:x}", js_sys::Date::now() as u64)
}

/// The time of day of `ms`, in the person's own locale.
pub fn time_of_day(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    String::from(date.to_locale_time_string("default"))
}

/// The date and time of `ms`, in the person's own locale.
pub fn when(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    String::from(date.to_locale_string("default", &JsValue::UNDEFINED))
}
