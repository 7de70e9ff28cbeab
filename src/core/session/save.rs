//! The compact save: how the browser keeps a session between visits.
//!
//! A save is the session's action log, one action a line, under a one-line
//! header: `{"format":"es-playground/save","version":1,"seed":…,"settings":…}`.
//! The three catering events, almost every line of a busy session, are
//! written as a short array (`["C","42","1"]`: customer confirmed order 42,
//! menu 1; `K` the caterer confirmed, `D` the caterer declined); every other
//! action is its JSON object as in a session file. A million fired events
//! save in about 19 MB (`make bench`), under a sixth of the pretty-printed
//! session file (`tests/session_saves.rs`), and a
//! save is read line by line, never as one big JSON tree.
//!
//! Reading checks every line (ids as when typed) and names the first bad
//! line; the session is only built once the whole log has been replayed.
use serde::{Deserialize, Serialize};

use super::{
    Action, SESSION_FORMAT, SESSION_VERSION, Session, SessionError, SessionFile, Settings,
};
use crate::core::domain::Fact;

/// The `format` field of a save's header.
pub const SAVE_FORMAT: &str = "es-playground/save";
/// The save version this build writes and reads.
pub const SAVE_VERSION: u32 = 1;
/// Largest save read, in bytes: a million events in the long form of a
/// line fit with room to spare.
pub const MAX_SAVE_BYTES: usize = 256 * 1024 * 1024;

/// The first line of a save.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    seed: u64,
    settings: Settings,
}

/// The short line of a catering event: a kind letter, the order, the menu.
#[derive(Serialize)]
struct Short<'a>(&'a str, &'a str, &'a str);

impl Session {
    /// The session as a compact save (see the module's header).
    pub fn to_save(&self) -> String {
        let header = Header {
            format: SAVE_FORMAT.to_owned(),
            version: SAVE_VERSION,
            seed: self.seed,
            settings: self.settings,
        };
        // Plain data with string keys always serialises; the fallbacks are guards.
        let mut text = serde_json::to_string(&header).unwrap_or_default();
        text.reserve(self.actions.len() * 16);
        for action in &self.actions {
            text.push('\n');
            text.push_str(&action_line(action));
        }
        text
    }

    /// Reads and replays a save; a session file (an older autosave) is also
    /// accepted.
    pub fn from_save(text: &str) -> Result<Session, SessionError> {
        let file = read_save_or_file(text)?;
        Session::replay(file.seed, file.settings, &file.actions)
    }
}

/// Reads a save, or a session file (an older autosave, an import), without
/// replaying it.
pub fn read_save_or_file(text: &str) -> Result<SessionFile, SessionError> {
    match read_save(text)? {
        Some(file) => Ok(file),
        None => SessionFile::read(text),
    }
}

/// Reads a save into the session file it stands for, without replaying it
/// (`None`: the text is not a save; it may be a session file).
pub fn read_save(text: &str) -> Result<Option<SessionFile>, SessionError> {
    if text.len() > MAX_SAVE_BYTES {
        return Err(SessionError::BadFile(format!(
            "the save ({} bytes) is larger than the {} MB a save may be",
            text.len(),
            MAX_SAVE_BYTES / (1024 * 1024)
        )));
    }
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or_default();
    if !first.starts_with(&format!("{{\"format\":\"{SAVE_FORMAT}\"")) {
        return Ok(None);
    }
    let damaged = |e: serde_json::Error| {
        SessionError::BadFile(format!("the save's first line is damaged: {e}"))
    };
    // The version first: a newer header may have other fields.
    let value: serde_json::Value = serde_json::from_str(first).map_err(damaged)?;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(SAVE_VERSION) => {}
        version => {
            return Err(SessionError::BadFile(format!(
                "the save has version {}; this playground reads version {SAVE_VERSION}",
                version.map_or_else(|| "none".to_owned(), |v| v.to_string())
            )));
        }
    }
    let header: Header = serde_json::from_value(value).map_err(damaged)?;
    let mut actions = Vec::new();
    for (index, line) in lines.enumerate() {
        let action = read_line(line).map_err(|problem| {
            SessionError::BadFile(format!("line {} of the save {problem}", index + 2))
        })?;
        actions.push(action);
    }
    Ok(Some(SessionFile {
        format: SESSION_FORMAT.to_owned(),
        version: SESSION_VERSION,
        seed: header.seed,
        settings: header.settings,
        actions,
    }))
}

fn action_line(action: &Action) -> String {
    let short = match action {
        Action::Fire { fact } => match fact {
            Fact::CustomerConfirmedMenu(e) => Some(("C", &e.order_id, &e.menu_id)),
            Fact::CatererConfirmedMenu(e) => Some(("K", &e.order_id, &e.menu_id)),
            Fact::CatererDeclinedMenu(e) => Some(("D", &e.order_id, &e.menu_id)),
            Fact::ParticipantRegistered(_) => None,
        },
        _ => None,
    };
    match short {
        Some((kind, order, menu)) => {
            serde_json::to_string(&Short(kind, order.as_str(), menu.as_str())).unwrap_or_default()
        }
        None => serde_json::to_string(action).unwrap_or_default(),
    }
}

fn read_line(line: &str) -> Result<Action, String> {
    if line.starts_with('[') {
        let (kind, order, menu): (String, String, String) =
            serde_json::from_str(line).map_err(|e| format!("is damaged: {e}"))?;
        let (order, menu) = (order.as_str(), menu.as_str());
        let fact = match kind.as_str() {
            "C" => Fact::customer_confirmed(order, menu),
            "K" => Fact::caterer_confirmed(order, menu),
            "D" => Fact::caterer_declined(order, menu),
            other => return Err(format!("names no known event ({other:?})")),
        }
        .map_err(|e| format!("has a bad id: {e}"))?;
        return Ok(Action::Fire { fact });
    }
    serde_json::from_str(line).map_err(|e| format!("is not an action: {e}"))
}
