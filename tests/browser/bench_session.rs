//! The autosave of a large session, timed in the browser for `make bench`:
//! `orders` orders whose two confirmations are fired one by one (two
//! actions each, the longest save per event), then the compact save
//! written (`to_save`), put into the library (IndexedDB), read back and
//! replayed (`from_save`). Prints one JSON line (`"phase":"session-save"`)
//! with the save's size and each step's time.
use es_playground::core::domain::Fact;
use es_playground::core::session::{Action, Session, Settings};
use es_playground::ui::library::{self, EntryMeta, Saved};

use crate::bench_catering::now_ms;

/// The library entry the benchmark writes (and deletes afterwards).
const ENTRY: &str = "bench-session-save";

/// The measured line, and the events the restored session holds.
pub struct SaveReport {
    pub line: String,
    pub events_restored: usize,
}

fn fire(session: &mut Session, fact: Result<Fact, impl std::fmt::Debug>) -> Result<(), String> {
    let fact = fact.map_err(|e| format!("{e:?}"))?;
    session
        .perform(Action::Fire { fact })
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Builds, saves, writes, reads and restores a session of `2 * orders` events.
pub async fn measure_session_save(orders: usize) -> Result<SaveReport, String> {
    let mut session = Session::new(42, Settings::default());
    for order in 0..orders {
        let order = order.to_string();
        fire(&mut session, Fact::customer_confirmed(&order, "1"))?;
        fire(&mut session, Fact::caterer_confirmed(&order, "1"))?;
    }
    let events = session.store().event_count();
    let actions = session.actions().len();

    let started = now_ms();
    let text = session.to_save();
    let encoded = now_ms();
    library::delete(ENTRY).await?;
    let meta = EntryMeta {
        id: ENTRY.to_owned(),
        name: "bench".to_owned(),
        saved_ms: js_sys::Date::now(),
        events: events as u64,
        actions: actions as u64,
        tab: "bench".to_owned(),
        rev: 0,
    };
    let before_write = now_ms();
    match library::save(meta, &text, None).await? {
        Saved::At(_) => {}
        Saved::Conflict(_) => return Err("the bench entry was written meanwhile".to_owned()),
    }
    let written = now_ms();
    let (_, loaded) = library::load(ENTRY)
        .await?
        .ok_or("the bench entry is missing after its save")?;
    let read = now_ms();
    let restored = Session::from_save(&loaded).map_err(|e| e.to_string())?;
    let replayed = now_ms();
    library::delete(ENTRY).await?;
    let events_restored = restored.store().event_count();
    if events_restored != events {
        return Err(format!("restored {events_restored} events of {events}"));
    }
    let s = |ms: f64| ms / 1000.0;
    let line = format!(
        r#"{{"system":"es-playground","runtime":"wasm-chromium","phase":"session-save","events":{events},"actions":{actions},"bytes":{},"bytes_per_event":{:.1},"encode_s":{:.3},"write_s":{:.3},"read_s":{:.3},"restore_s":{:.3},"restore_events_per_s":{:.0}}}"#,
        text.len(),
        text.len() as f64 / events.max(1) as f64,
        s(encoded - started),
        s(written - before_write),
        s(read - written),
        s(replayed - read),
        events as f64 / s(replayed - read).max(1e-6),
    );
    Ok(SaveReport {
        line,
        events_restored,
    })
}
