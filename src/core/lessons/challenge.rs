//! A trainer's own lesson: a title, a goal and the rules (chosen from the
//! lessons' [`Rule`]s) the room's sessions are checked against.
//!
//! A challenge only exists valid: [`Challenge::new`] and reading one from a
//! file or link go through the same checks (title and goal trimmed, not
//! empty, bounded; at least one rule, none twice), and a refusal is a
//! [`ChallengeError`] that names the problem. The session carries its
//! challenge through `Action::SetChallenge`, so it is in the action log and
//! travels with files, saves and links.
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Check, Rule};
use crate::core::session::Session;

/// Most characters of a challenge's title.
pub const MAX_CHALLENGE_TITLE: usize = 80;
/// Most characters of a challenge's goal.
pub const MAX_CHALLENGE_GOAL: usize = 300;

/// Every rule a challenge may check, in the lessons' order.
pub const CHALLENGE_RULES: [Rule; 21] = [
    Rule::DuplicateIdRefused,
    Rule::DuplicateIdRefusedTwice,
    Rule::SalesLogHasGap,
    Rule::CursorSteppedOverGap,
    Rule::CursorSteppedOverTwoGaps,
    Rule::Restarted,
    Rule::CaughtUpFromCursors,
    Rule::CaughtUpAfterTwoRestarts,
    Rule::Crashed,
    Rule::Order42ConfirmedTwice,
    Rule::TwoDuplicates,
    Rule::ConfirmedOncePerOrder,
    Rule::OnceWithOutboxStream,
    Rule::OnceWithAtomicTracking,
    Rule::LinkRefusedUniqueId,
    Rule::LinksWritten,
    Rule::OnceWithStateRows,
    Rule::DeclinedNotConfirmed,
    Rule::FourOrdersConfirmedOnce,
    Rule::StoredInBusinessWords,
    Rule::DeclineFired,
];

/// A challenge for the room: what to achieve and how it is checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ChallengeParts")]
pub struct Challenge {
    title: String,
    goal: String,
    rules: Vec<Rule>,
}

/// A challenge as written in a file, before its checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChallengeParts {
    title: String,
    goal: String,
    rules: Vec<Rule>,
}

impl TryFrom<ChallengeParts> for Challenge {
    type Error = ChallengeError;

    fn try_from(parts: ChallengeParts) -> Result<Self, Self::Error> {
        Challenge::new(&parts.title, &parts.goal, parts.rules)
    }
}

/// Why a challenge was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChallengeError {
    /// The title or the goal is empty once trimmed.
    Empty { field: &'static str },
    /// The title or the goal is longer than allowed.
    TooLong {
        field: &'static str,
        chars: usize,
        most: usize,
    },
    /// No rule was chosen.
    NoRule,
    /// A rule was chosen twice.
    DuplicateRule(Rule),
}

impl fmt::Display for ChallengeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty { field } => write!(f, "the challenge needs a {field}"),
            Self::TooLong { field, chars, most } => write!(
                f,
                "the challenge's {field} has {chars} characters, more than the {most} allowed"
            ),
            Self::NoRule => write!(f, "the challenge needs at least one check: tick one"),
            Self::DuplicateRule(rule) => write!(
                f,
                "the check \"{}\" is chosen twice; a challenge lists each check once",
                rule.says()
            ),
        }
    }
}

impl std::error::Error for ChallengeError {}

fn text(field: &'static str, value: &str, most: usize) -> Result<String, ChallengeError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ChallengeError::Empty { field });
    }
    let chars = trimmed.chars().count();
    if chars > most {
        return Err(ChallengeError::TooLong { field, chars, most });
    }
    Ok(trimmed.to_owned())
}

impl Challenge {
    /// A checked challenge: title and goal trimmed, not empty and bounded;
    /// at least one rule, none twice.
    pub fn new(title: &str, goal: &str, rules: Vec<Rule>) -> Result<Self, ChallengeError> {
        let title = text("title", title, MAX_CHALLENGE_TITLE)?;
        let goal = text("goal", goal, MAX_CHALLENGE_GOAL)?;
        if rules.is_empty() {
            return Err(ChallengeError::NoRule);
        }
        for (index, rule) in rules.iter().enumerate() {
            if rules[..index].contains(rule) {
                return Err(ChallengeError::DuplicateRule(*rule));
            }
        }
        Ok(Challenge { title, goal, rules })
    }

    /// The title, trimmed.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The goal, trimmed.
    pub fn goal(&self) -> &str {
        &self.goal
    }

    /// The rules checked, in the order chosen.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rules evaluated on `session`.
    pub fn checks(&self, session: &Session) -> Vec<Check> {
        self.rules.iter().map(|rule| rule.check(session)).collect()
    }
}
