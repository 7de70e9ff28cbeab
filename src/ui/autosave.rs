//! Keeping the session: the debounced autosave into the library, the
//! restore when the page opens.
//!
//! A change schedules a save [`DEBOUNCE_MS`] after the last click, so a
//! click never waits for one; a save still pending when the session is
//! replaced is written at once. A save states the revision of the entry
//! this tab last read or wrote: if another tab saved it since, this tab's
//! version is kept as a new entry and both tabs are told.
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::browser;
use super::library::{self, EntryMeta, Saved};
use super::long_work::{self, Then};
use super::state::{AppHandle, AppState, Tone, UiAction, copy_name};
use super::tabs::{Message, tell_tabs};
use crate::core::session::{Session, read_save, read_save_or_file};
use crate::core::words::counted;

/// From how many events opening a session first says it takes a while.
/// How long after the last change a save starts.
pub const DEBOUNCE_MS: u32 = 300;
/// Where the session was autosaved before the library (read once, then moved).
pub const STORAGE_KEY: &str = "es-playground/session";
/// Where an unreadable old autosave is kept, so it is not lost.
pub const CORRUPT_KEY: &str = "es-playground/session-unreadable";

type Dispatch = UseReducerDispatcher<AppState>;

thread_local! {
    /// Per entry: the revision this page last read or wrote, and when and
    /// with how many actions it was last saved.
    static KNOWN: RefCell<HashMap<String, (u64, f64, u64)>> = RefCell::new(HashMap::new());
}

thread_local! {
    /// The text of the last save written, for the panic banner.
    static LAST_SAVED: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
}

/// The last save written, as a session file to import (for the panic banner).
pub fn last_saved_file() -> Option<String> {
    let text = LAST_SAVED.with(|last| last.try_borrow().ok()?.clone())?;
    let file = read_save(&text).ok()??;
    serde_json::to_string_pretty(&file).ok()
}

fn known(entry: &str) -> Option<(u64, f64, u64)> {
    KNOWN.with(|k| k.borrow().get(entry).copied())
}

fn remember(meta: &EntryMeta) {
    KNOWN.with(|k| {
        k.borrow_mut()
            .insert(meta.id.clone(), (meta.rev, meta.saved_ms, meta.actions))
    });
}

/// One save to make.
struct Job {
    session: Rc<RefCell<Session>>,
    entry: Rc<str>,
    name: Rc<str>,
    tab: Rc<str>,
    dispatch: Dispatch,
}

/// The pending save and its timer.
#[derive(Default)]
pub struct Saver {
    job: Option<Job>,
    timer: Option<Timeout>,
}

/// After a change: writes a pending save of another session at once, and
/// schedules this one's.
pub fn on_change(saver: &Rc<RefCell<Saver>>, state: &AppHandle) {
    let mut pending = saver.borrow_mut();
    pending.timer = None;
    if let Some(job) = pending.job.take()
        && (!Rc::ptr_eq(&job.session, &state.session_rc()) || job.entry != state.entry)
    {
        run(job);
    }
    if state.keep {
        library::set_tab_entry(&state.entry);
    }
    if !state.keep || state.clean {
        return;
    }
    pending.job = Some(Job {
        session: state.session_rc(),
        entry: Rc::clone(&state.entry),
        name: Rc::clone(&state.name),
        tab: Rc::clone(&state.tab),
        dispatch: state.dispatcher(),
    });
    let weak: Weak<RefCell<Saver>> = Rc::downgrade(saver);
    pending.timer = Some(Timeout::new(DEBOUNCE_MS, move || {
        if let Some(saver) = weak.upgrade() {
            let job = saver.borrow_mut().job.take();
            if let Some(job) = job {
                run(job);
            }
        }
    }));
}

/// Writes the pending save now (the page is going away).
pub fn flush(saver: &Rc<RefCell<Saver>>) {
    let job = saver.borrow_mut().job.take();
    if let Some(job) = job {
        run(job);
    }
}

fn run(job: Job) {
    let (text, events, actions) = {
        let session = job.session.borrow();
        (
            session.to_save(),
            session.store().event_count() as u64,
            session.actions().len() as u64,
        )
    };
    let meta = EntryMeta {
        id: job.entry.to_string(),
        name: job.name.to_string(),
        saved_ms: js_sys::Date::now(),
        events,
        actions,
        tab: job.tab.to_string(),
        rev: 0,
    };
    let text: Rc<str> = text.into();
    wasm_bindgen_futures::spawn_local(async move {
        let expected = known(&meta.id).map(|(rev, _, _)| rev);
        match library::save(meta.clone(), &text, expected).await {
            Ok(Saved::At(rev)) => {
                remember(&EntryMeta {
                    rev,
                    ..meta.clone()
                });
                LAST_SAVED.with(|last| {
                    if let Ok(mut last) = last.try_borrow_mut() {
                        *last = Some(text);
                    }
                });
                tell_tabs(&Message::Saved {
                    tab: meta.tab,
                    entry: meta.id,
                    name: meta.name,
                });
            }
            Ok(Saved::Conflict(theirs)) => {
                let copy = copy_name(&theirs.name);
                job.dispatch.dispatch(UiAction::Fork {
                    session: job.session,
                    from: meta.id.as_str().into(),
                    entry: library::new_id("s-").into(),
                    name: copy.as_str().into(),
                    text: format!(
                        "Another tab saved “{}” while this tab had it open. Both versions are kept: the other tab's as “{}”, this tab's as “{copy}” (see Sessions).",
                        theirs.name, theirs.name
                    ),
                });
                tell_tabs(&Message::Copied {
                    tab: meta.tab,
                    entry: meta.id,
                    name: theirs.name,
                    copy,
                });
            }
            Err(problem) => job
                .dispatch
                .dispatch(UiAction::NotSaved(not_saved(&meta, &problem))),
        }
    });
}

/// What a failed save leaves unsaved, exactly.
fn not_saved(meta: &EntryMeta, problem: &str) -> String {
    match known(&meta.id) {
        Some((_, when, actions)) => {
            let lost = meta.actions.saturating_sub(actions);
            format!(
                "Not saved: {problem}. The last {} to “{}” {} only in this page; the library keeps the copy saved at {} ({}), which a reload reopens. Export keeps everything.",
                counted(lost, "change", "changes"),
                meta.name,
                if lost == 1 { "is" } else { "are" },
                library::time_of_day(when),
                counted(actions, "action", "actions")
            )
        }
        None => format!(
            "Not saved: {problem}. “{}” ({}) is only in this page and a reload would lose it. Export keeps it.",
            meta.name,
            counted(meta.actions, "action", "actions")
        ),
    }
}

/// Reads an entry and opens it, with `notice(name)` as its notice. A small
/// one is replayed at once; a large one is replayed beside the shown
/// session in slices, with progress and Cancel (see `long_work.rs`).
pub async fn open_entry(
    id: &str,
    dispatch: &Dispatch,
    notice: impl FnOnce(&str) -> String,
) -> Result<(), String> {
    let Some((meta, text)) = library::load(id).await? else {
        return Err("that session is no longer in the library".to_owned());
    };
    let unreadable = |e| format!("the saved session “{}” could not be read ({e})", meta.name);
    let file = read_save_or_file(&text).map_err(unreadable)?;
    remember(&meta);
    let (name, events) = (meta.name.clone(), meta.events);
    let what = || {
        format!(
            "Opening “{name}”: replaying its {}",
            counted(events, "event", "events")
        )
    };
    let then = Then::Reopen(meta, notice(&name));
    long_work::open(file.into_replay(), what, then, dispatch)
        .map_err(|e| format!("the saved session “{name}” could not be read ({e})"))
}

/// On opening the page: this tab's entry (after a reload) or the newest
/// one, else an old local-storage autosave; then `then` (the shared link).
pub fn restore(state: AppHandle, then: impl FnOnce(&AppHandle) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let dispatch = state.dispatcher();
        let unfinished = library::unfinished_reopen();
        match chosen_entry().await {
            Ok(Some(entry)) if unfinished.as_deref() == Some(entry.id.as_str()) => {
                // Opening it again might end the same way: it waits in
                // Sessions instead, for the person to choose.
                dispatch.dispatch(UiAction::Refuse(format!(
                    "Reopening “{}” did not finish the last time this page opened (the page was closed, or the browser ran out of memory). It was not opened again, and a new session was started; it stays in Sessions, to open or export from there.",
                    entry.name
                )));
            }
            Ok(Some(entry)) => match open_entry(&entry.id, &dispatch, |name| {
                format!("Welcome back: “{name}” was restored.")
            })
            .await
            {
                Ok(()) => {}
                Err(problem) => dispatch.dispatch(UiAction::Refuse(format!(
                    "{problem}; a new session was started. The saved one stays in Sessions."
                ))),
            },
            Ok(None) => restore_local_storage(&dispatch),
            Err(problem) => dispatch.dispatch(UiAction::Inform(
                format!(
                    "Sessions cannot be kept in this browser: {problem}. Export to keep your work."
                ),
                Tone::Warning,
            )),
        }
        then(&state);
        RESTORES.with(|done| done.set(done.get() + 1));
    });
}

thread_local! {
    static RESTORES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How many page opens have finished restoring (tests wait on it).
pub fn restores_done() -> u32 {
    RESTORES.with(|done| done.get())
}

async fn chosen_entry() -> Result<Option<EntryMeta>, String> {
    let entries = library::list().await?;
    let mine = library::tab_entry();
    let chosen = entries.iter().find(|e| Some(&e.id) == mine.as_ref());
    Ok(chosen.or(entries.first()).cloned())
}

/// An autosave from before the library: moved into it.
fn restore_local_storage(dispatch: &Dispatch) {
    match browser::storage_get(STORAGE_KEY) {
        Ok(Some(text)) => {
            match Session::from_save(&text) {
                Ok(session) => dispatch.dispatch(UiAction::Open(
                    Box::new(session),
                    super::state::FIRST_NAME.to_owned(),
                    "Welcome back: your session was restored.".to_owned(),
                )),
                Err(error) => {
                    let _ = browser::storage_set(CORRUPT_KEY, &text);
                    dispatch.dispatch(UiAction::Refuse(format!(
                        "The saved session could not be read ({error}); a new one was started. The unreadable copy is kept: use “Download unreadable save”."
                    )));
                }
            }
            browser::storage_remove(STORAGE_KEY);
        }
        Ok(None) => {}
        Err(message) => dispatch.dispatch(UiAction::Inform(message, Tone::Warning)),
    }
}
