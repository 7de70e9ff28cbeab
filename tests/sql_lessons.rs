//! Every lesson's session as SQL, for the check by real PostgreSQL: with
//! `SQL_CHECK_DIR` set, writes `NAME.sql` (the script) and `NAME.json` (the
//! tables the core holds, and the refusals the script must meet) there,
//! for `scripts/sql-check.mjs` (`make test`). Besides the eight lessons,
//! the crash of lessons 4 and 5 under the other idempotency modes and
//! strategies, so atomic tracking's outbox and the outbox stream run too.
#![cfg(not(target_arch = "wasm32"))]

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
        for point in [CrashPoint::AfterSend, CrashPoint::AfterDispatch] {
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
    all
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
