//! The two settings a lesson contrasts, for its "Compare settings" offer:
//! lesson 5 puts no idempotency beside atomic tracking after the same
//! crash, lesson 6 the event-sourced strategy beside the state row.
use super::Lesson;
use crate::core::process::{IdempotencyMode, StrategyKind};
use crate::core::session::{Comparison, Settings};

impl Lesson {
    /// The comparison the lesson offers, if it contrasts two settings.
    pub fn comparison(&self) -> Option<Comparison> {
        match self.number {
            5 => Some(Comparison {
                left: Settings {
                    idempotency: IdempotencyMode::None,
                    ..self.settings
                },
                right: Settings {
                    idempotency: IdempotencyMode::AtomicTracking,
                    ..self.settings
                },
            }),
            6 => Some(Comparison {
                left: Settings {
                    strategy: StrategyKind::EventSourced,
                    ..self.settings
                },
                right: Settings {
                    strategy: StrategyKind::StateRow,
                    ..self.settings
                },
            }),
            _ => None,
        }
    }
}
