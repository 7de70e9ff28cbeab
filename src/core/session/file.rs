//! A session as a file: `{"format":"es-playground/session",
//! "version":1,"seed":…,"settings":…,"actions":[…]}`, replayed on import
//! (a shared link carries the same JSON compressed: `link.rs`).
//! Reading checks everything and names the first problem; the session in
//! use is only replaced once the whole file has been replayed.
use serde::{Deserialize, Serialize};

use super::{Action, Session, SessionError, Settings};

/// The `format` field of a session file.
pub const SESSION_FORMAT: &str = "es-playground/session";
/// The version this build writes and reads.
pub const SESSION_VERSION: u32 = 1;
/// Largest file (or decoded link) accepted, in bytes.
pub const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;

/// The saved form of a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionFile {
    pub format: String,
    pub version: u32,
    pub seed: u64,
    pub settings: Settings,
    pub actions: Vec<Action>,
}

impl Session {
    /// The session's file form.
    pub fn to_file(&self) -> SessionFile {
        SessionFile {
            format: SESSION_FORMAT.to_owned(),
            version: SESSION_VERSION,
            seed: self.seed,
            settings: self.settings,
            actions: self.actions.clone(),
        }
    }

    /// The session as JSON text (pretty, for people who open the file).
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail; the fallback is a guard.
        serde_json::to_string_pretty(&self.to_file()).unwrap_or_default()
    }

    /// Reads and replays a session file.
    pub fn from_json(text: &str) -> Result<Session, SessionError> {
        let file = SessionFile::read(text)?;
        Session::replay(file.seed, file.settings, &file.actions)
    }
}

impl SessionFile {
    /// Reads a session file, checking everything, without replaying it.
    pub fn read(text: &str) -> Result<SessionFile, SessionError> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(SessionError::BadFile(format!(
                "the file ({} bytes) is larger than the {} KB a session file may be",
                text.len(),
                MAX_IMPORT_BYTES / 1024
            )));
        }
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| SessionError::BadFile(format!("the file is not JSON: {e}")))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(SESSION_FORMAT) => {}
            Some(other) => {
                return Err(SessionError::BadFile(format!(
                    "the file's format is {other:?}, not a playground session ({SESSION_FORMAT:?})"
                )));
            }
            None => {
                return Err(SessionError::BadFile(
                    "the file has no \"format\" field: it is not a playground session".to_owned(),
                ));
            }
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(SESSION_VERSION) => {}
            Some(v) if v > u64::from(SESSION_VERSION) => {
                return Err(SessionError::BadFile(format!(
                    "the session file was made by a newer playground (version {v}); this one reads version {SESSION_VERSION}"
                )));
            }
            Some(v) => {
                return Err(SessionError::BadFile(format!(
                    "the session file has version {v}; this playground reads version {SESSION_VERSION}"
                )));
            }
            None => {
                return Err(SessionError::BadFile(
                    "the session file has no version number".to_owned(),
                ));
            }
        }
        serde_json::from_value(value)
            .map_err(|e| SessionError::BadFile(format!("the session file is not valid: {e}")))
    }

    /// The replay that turns this file into a session, to do in slices.
    pub fn into_replay(self) -> super::Replay {
        super::Replay::new(self.seed, self.settings, self.actions)
    }
}
