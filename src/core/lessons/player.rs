//! Playing a lesson step by step: the session built up to step `k` of the
//! lesson's actions, and one line saying what step `k` did.
//!
//! Step 0 is the empty session; step `n` (the number of actions) is the
//! lesson's whole scenario. Lesson 3's restart and catch-up, and lesson 4's
//! crash, are steps of their own.

use super::Lesson;
use crate::core::session::{DEFAULT_SEED, Session, SessionError, Settings};

/// A lesson played up to one of its steps.
#[derive(Debug)]
pub struct LessonStep {
    /// 0 to `steps`.
    pub step: usize,
    /// The number of the lesson's actions.
    pub steps: usize,
    pub session: Session,
    /// What this step did, in one line.
    pub did: String,
}

impl Lesson {
    /// The number of steps (the lesson's actions).
    pub fn steps(&self) -> usize {
        self.actions.len()
    }

    /// The lesson played up to `step` (at most its last) under `settings`
    /// (the lesson's own, or what the attendee switched to).
    pub fn at_step(&self, step: usize, settings: Settings) -> Result<LessonStep, SessionError> {
        let step = step.min(self.steps());
        let mut session = Session::new(DEFAULT_SEED, settings);
        let mut did = "Step 0: an empty session, nothing fired yet.".to_owned();
        for (index, action) in self.actions.iter().take(step).enumerate() {
            let outcome = session.perform(action.clone())?;
            did = format!("Step {}: {}", index + 1, outcome.message);
        }
        Ok(LessonStep {
            step,
            steps: self.steps(),
            session,
            did,
        })
    }

    /// Which step of this lesson `session` is at: its actions are the
    /// lesson's first `k`; `None` once the attendee did something else.
    pub fn step_of(&self, session: &Session) -> Option<usize> {
        let done = session.actions();
        (session.seed() == DEFAULT_SEED && self.actions.starts_with(done)).then_some(done.len())
    }
}
