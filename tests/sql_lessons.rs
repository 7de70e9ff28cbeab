//! Every lesson's session as SQL, for the check by real PostgreSQL: with
//! `SQL_CHECK_DIR` set, writes `NAME.sql` (the script) and `NAME.json` (the
//! tables the core holds, and the refusals the script must meet) there,
//! for `scripts/sql-check.mjs` (`make test`). Besides the eight lessons,
//! the crash of lessons 4 and 5 under the other idempotency modes and
//! strategies, so atomic tracking's outbox and the outbox stream run too,
//! and seeded random sessions of every kind of action.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::{CATERING, Fact, SALES};
use es_playground::core::lessons::lessons;
use es_playground::core::process::{CrashPoint, IdempotencyMode, StrategyKind};
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::sql::{session_script, session_sql};

/// The sessions checked: a file name and the session.
fn sessions() -> Vec<(String, Session)> {
    let mut all = Vec::new();
    let lessons = lessons();
    for lesson in &lessons {
        all.push((
            format!("lesson-{}", lesson.number),
            lesson.session().unwrap(),
        ));
    }
    let crash = &lessons[4].actions;
    let variations = [
        (StrategyKind::StateRow, IdempotencyMode::AtomicTracking),
        (StrategyKind::EventSourced, IdempotencyMode::AtomicTracking),
        (StrategyKind::StateRow, IdempotencyMode::OutboxStream),
        (StrategyKind::EventSourced, IdempotencyMode::OutboxStream),
        (StrategyKind::Projection, IdempotencyMode::OutboxStream),
    ];
    for (strategy, idempotency) in variations {
        let settings = Settings {
            strategy,
            idempotency,
        };
        let mut points = vec![CrashPoint::AfterSend, CrashPoint::AfterDispatch];
        if (strategy, idempotency) == (StrategyKind::StateRow, IdempotencyMode::AtomicTracking) {
            // The row changed under its lock, then the crash before the commit.
            points.push(CrashPoint::AfterStateChange);
        }
        for point in points {
            let actions: Vec<Action> = crash
                .iter()
                .map(|action| match action {
                    Action::ArmCrash { .. } => Action::ArmCrash { point },
                    other => other.clone(),
                })
                .collect();
            let session = Session::replay(DEFAULT_SEED, settings, &actions).unwrap();
            let name = format!("lesson-5-{strategy}-{idempotency}-{point:?}");
            all.push((name, session));
            // Before the restart: the outbox row, or the dispatcher's lag, still there.
            let crashed = actions.get(..actions.len() - 1).unwrap();
            let session = Session::replay(DEFAULT_SEED, settings, crashed).unwrap();
            all.push((
                format!("lesson-5-{strategy}-{idempotency}-{point:?}-crashed"),
                session,
            ));
        }
    }
    for (seed, strategy, idempotency) in [
        (1, StrategyKind::StateRow, IdempotencyMode::None),
        (2, StrategyKind::StateRow, IdempotencyMode::AtomicTracking),
        (
            3,
            StrategyKind::EventSourced,
            IdempotencyMode::DeterministicIds,
        ),
        (4, StrategyKind::EventSourced, IdempotencyMode::OutboxStream),
        (5, StrategyKind::Projection, IdempotencyMode::AtomicTracking),
        (
            6,
            StrategyKind::EventSourced,
            IdempotencyMode::AtomicTracking,
        ),
    ] {
        let settings = Settings {
            strategy,
            idempotency,
        };
        let name = format!("random-{seed}-{strategy}-{idempotency}");
        all.push((name, random_session(seed, settings, 40)));
    }
    all
}

/// A 32-bit xorshift, for the random sessions.
struct Dice(u32);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 as usize % n
    }
}

/// `actions` accepted actions of every kind, chosen with `seed`; ids with
/// a quote and a non-ASCII letter among them.
fn random_session(seed: u32, settings: Settings, actions: usize) -> Session {
    let mut dice = Dice(seed.wrapping_mul(2_654_435_761) | 1);
    let mut session = Session::new(DEFAULT_SEED, settings);
    let orders = ["42", "43", "O'Brien ☕"];
    let menus = ["1", "2"];
    while session.actions().len() < actions {
        let order = orders[dice.below(orders.len())];
        let menu = menus[dice.below(menus.len())];
        let fact = match dice.below(3) {
            0 => Fact::customer_confirmed(order, menu),
            1 => Fact::caterer_confirmed(order, menu),
            _ => Fact::caterer_declined(order, menu),
        }
        .unwrap();
        let stored = session.store().event_count();
        let action = match dice.below(16) {
            0..=4 => Action::Fire { fact },
            5 => Action::RollBack {
                context: [SALES, CATERING][dice.below(2)].to_owned(),
                positions: 1 + dice.below(3) as u64,
            },
            6 => Action::Step,
            7 => Action::CatchUp,
            8 => Action::ArmCrash {
                point: CrashPoint::ALL[dice.below(4)],
            },
            9 => Action::Restart,
            10 => Action::SetSingleStream {
                on: dice.below(2) == 0,
            },
            11 => Action::SetAutoHandle {
                on: dice.below(3) != 0,
            },
            12 => Action::FireRandomOrders { orders: 2 },
            13 if stored > 0 => {
                let context = [SALES, CATERING][dice.below(2)];
                let log = session
                    .store()
                    .read_log_forward(context, Default::default(), usize::MAX)
                    .unwrap();
                match log.get(dice.below(log.len().max(1))) {
                    Some(event) => Action::AppendAgainWithId { event_id: event.id },
                    None => continue,
                }
            }
            14 => Action::AppendWithStaleVersion { fact },
            15 => Action::AppendInvalidBatch { fact },
            _ => continue,
        };
        // A request that cannot even be attempted is refused and not logged.
        let _ = session.perform(action);
    }
    session
}

#[test]
fn every_lesson_is_written_as_sql_for_the_postgresql_check() {
    let dir = std::env::var_os("SQL_CHECK_DIR");
    for (name, session) in sessions() {
        let sql = session_sql(session.seed(), session.settings(), session.actions()).unwrap();
        let script = session_script(&session, &sql);
        assert!(script.contains("CREATE TABLE events"), "{name}");
        let expected = serde_json::json!({
            "name": name,
            "tables": sql.tables,
            "refusals": sql.refusals(),
        });
        if let Some(dir) = &dir {
            let dir = std::path::Path::new(dir);
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{name}.sql")), script).unwrap();
            let json = serde_json::to_string_pretty(&expected).unwrap();
            std::fs::write(dir.join(format!("{name}.json")), json).unwrap();
        }
    }
}
