//! A session as a shared link's code: the text after `#s=` in the URL.
//!
//! The code is `2.` followed by the session file's compact JSON, compressed
//! and written as base64url ([`codec::pack`]). The number names the link
//! format: a code with a higher number was made by a newer playground and
//! is refused as such. A code without a number is the first format (the
//! JSON in base64url, uncompressed), still read so old links keep working.
//!
//! Opening a link checks it in the order a person can act on: too long to
//! be a session at all, the link format, the characters, cut short, too
//! large once unpacked, the session file's version, then the session
//! itself (replayed as an import is). Each refusal is its own
//! [`LinkError`], with its own sentence.
use std::fmt;

use serde::Deserialize;

use super::file::{MAX_IMPORT_BYTES, SESSION_VERSION};
use super::{Session, SessionError};
use crate::core::codec::{self, UnpackError};

/// The link format this build writes.
pub const LINK_FORMAT: u32 = 2;
/// Past this many characters a whole URL is at risk: chat tools, mail
/// clients and some browsers' address bars cut or refuse longer links.
pub const LINK_LENGTH_CHAT_TOOLS_KEEP: usize = 2_000;
/// The longest code worth reading: base64url of the largest session file,
/// even if it did not compress at all (plus room for the format prefix).
pub const MAX_LINK_CODE_CHARS: usize = MAX_IMPORT_BYTES / 3 * 4 + 16;

/// Why a shared link was refused. The session in use is never touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Not a link this playground wrote: a bad character or bad data.
    Malformed { reason: String },
    /// Cut short: the code ends before the session does.
    Truncated,
    /// Longer than any session can be, before or after unpacking.
    TooLarge { limit_kb: usize },
    /// Made by a newer playground: a link format or session version this
    /// build does not know.
    NewerFormat {
        what: &'static str,
        found: u64,
        reads: u64,
    },
    /// The link was read whole, but the session in it was refused.
    Refused(SessionError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed { reason } => write!(
                f,
                "the shared link is malformed ({reason}); ask for it again, copied whole"
            ),
            Self::Truncated => f.write_str(
                "the shared link is truncated: it was cut short, as chat tools do with long \
                 links; ask the sender to Export the session and send the file instead",
            ),
            Self::TooLarge { limit_kb } => write!(
                f,
                "the shared link is too large: it holds more than the {limit_kb} KB a session \
                 may be, so it was not unpacked"
            ),
            Self::NewerFormat { what, found, reads } => write!(
                f,
                "the shared link was made by a newer playground ({what} {found}; this one reads \
                 up to {reads}); open it there, or ask for an exported file"
            ),
            Self::Refused(error) => {
                write!(
                    f,
                    "the shared link holds a session that was refused: {error}"
                )
            }
        }
    }
}

impl std::error::Error for LinkError {}

impl From<UnpackError> for LinkError {
    fn from(error: UnpackError) -> Self {
        match error {
            UnpackError::Truncated => LinkError::Truncated,
            UnpackError::TooLarge { limit } => LinkError::TooLarge {
                limit_kb: limit / 1024,
            },
            other => LinkError::Malformed {
                reason: other.to_string(),
            },
        }
    }
}

/// Only the version of a session file, to tell "newer" from "broken".
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<u64>,
}

impl Session {
    /// The session as a shared link's code (see the module documentation).
    pub fn to_share_code(&self) -> String {
        // Serialising plain data with string keys cannot fail; the fallback is a guard.
        let json = serde_json::to_string(&self.to_file()).unwrap_or_default();
        format!("{LINK_FORMAT}.{}", codec::pack(json.as_bytes()))
    }

    /// Reads and replays a shared link's code.
    pub fn from_share_code(code: &str) -> Result<Session, LinkError> {
        let code = code.trim();
        if code.len() > MAX_LINK_CODE_CHARS {
            return Err(LinkError::TooLarge {
                limit_kb: MAX_IMPORT_BYTES / 1024,
            });
        }
        let bytes = match code.split_once('.') {
            None => codec::base64url_decode(code)?,
            Some((format, packed)) => match format.parse::<u64>() {
                Ok(2) => codec::unpack(packed, MAX_IMPORT_BYTES)?,
                Ok(found) if found > u64::from(LINK_FORMAT) => {
                    return Err(LinkError::NewerFormat {
                        what: "link format",
                        found,
                        reads: u64::from(LINK_FORMAT),
                    });
                }
                _ => {
                    return Err(LinkError::Malformed {
                        reason: format!("it starts with {format:?}, which names no link format"),
                    });
                }
            },
        };
        let text = String::from_utf8(bytes).map_err(|_| LinkError::Malformed {
            reason: "what it holds is not text".to_owned(),
        })?;
        match serde_json::from_str::<VersionOnly>(&text) {
            Ok(VersionOnly {
                version: Some(found),
            }) if found > u64::from(SESSION_VERSION) => {
                return Err(LinkError::NewerFormat {
                    what: "session version",
                    found,
                    reads: u64::from(SESSION_VERSION),
                });
            }
            // JSON that stops in the middle: an uncompressed (first format) link cut short.
            Err(error) if error.is_eof() => return Err(LinkError::Truncated),
            _ => {}
        }
        Session::from_json(&text).map_err(|error| match error {
            SessionError::BadFile(reason) => LinkError::Malformed { reason },
            other => LinkError::Refused(other),
        })
    }
}
