//! The session as SQL: what the script of small sessions holds, written
//! out by hand. (That PostgreSQL runs it and ends with the core's tables
//! is `scripts/sql-check.mjs`, in `make test`.)
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::{Fact, SALES};
use es_playground::core::lessons::lessons;
use es_playground::core::process::IdempotencyMode;
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::sql::{
    MOST_EVENTS_AS_SQL, SqlExportError, SqlStep, TransactionEnd, session_sql, to_sql_script,
};

fn fire(fact: Result<Fact, es_playground::core::domain::IdError>) -> Action {
    Action::Fire {
        fact: fact.unwrap(),
    }
}

fn script_of(settings: Settings, actions: &[Action]) -> String {
    let session = Session::replay(DEFAULT_SEED, settings, actions).unwrap();
    to_sql_script(&session).unwrap()
}

#[test]
fn an_append_takes_its_position_from_the_contexts_sequence_and_its_version_from_the_stream() {
    let script = script_of(
        Settings::default(),
        &[fire(Fact::customer_confirmed("42", "1"))],
    );
    assert!(script.contains("CREATE TABLE events"));
    assert!(script.contains(
        "INSERT INTO contexts (name, position_sequence) VALUES ('Sales', 'position_in_sales');\n\
         CREATE SEQUENCE position_in_sales AS bigint;"
    ));
    assert!(script.contains(
        "'Sales', nextval('position_in_sales'), 'CustomerConfirmedMenu', '{\"menu_id\":\"1\",\"order_id\":\"42\"}'::jsonb"
    ));
    assert!(script.contains(
        "INSERT INTO stream_events (context, stream, version, event_id, linked) \
         SELECT 'Sales', 'Order$42', coalesce(max(version) + 1, 0), "
    ));
    assert!(script.contains("'2024-01-01 09:00:00.000+00'::timestamptz"));
    assert!(script.contains(
        "UPDATE cursors SET position = 1 WHERE reader = 'CateringMatch' AND context = 'Sales';"
    ));
}

#[test]
fn a_rolled_back_transaction_takes_positions_from_the_sequence_and_rolls_back() {
    let script = script_of(
        Settings::default(),
        &[Action::RollBack {
            context: SALES.to_owned(),
            positions: 2,
        }],
    );
    assert!(script.contains(
        "BEGIN;\nSELECT nextval('position_in_sales') FROM generate_series(1, 2);\nROLLBACK;\n"
    ));
}

#[test]
fn the_state_row_is_changed_under_its_lock() {
    let script = script_of(
        Settings::default(),
        &[
            fire(Fact::customer_confirmed("42", "1")),
            fire(Fact::caterer_confirmed("42", "1")),
        ],
    );
    assert!(script.contains(
        "BEGIN;\n\
         SELECT state FROM state_rows WHERE process = 'CateringMatch' AND key = '42' FOR UPDATE;\n\
         UPDATE state_rows SET state = '{\"completed_by\":"
    ));
    assert!(script.contains("\"matched\":\"1\""));
    assert!(script.contains("-- Sent on the command bus (not a database write): ConfirmOrder"));
}

#[test]
fn a_quote_or_a_semicolon_in_an_id_stays_inside_its_literal() {
    let order = "O'Brien; DROP TABLE events; --é☕";
    let script = script_of(
        Settings::default(),
        &[fire(Fact::customer_confirmed(order, "1"))],
    );
    assert!(script.contains("'Order$O''Brien; DROP TABLE events; --é☕'"));
    assert!(script.contains("\"order_id\":\"O''Brien; DROP TABLE events; --é☕\"}'::jsonb"));
    assert!(script.contains(
        "WHERE process = 'CateringMatch' AND key = 'O''Brien; DROP TABLE events; --é☕' FOR UPDATE"
    ));
    for line in script.lines() {
        let bare = line.contains("DROP TABLE") && !line.contains("''Brien");
        assert!(!bare || line.starts_with("-- "), "unquoted: {line}");
    }
}

#[test]
fn atomic_tracking_commits_the_row_the_outbox_and_the_cursor_in_one_transaction() {
    let settings = Settings {
        idempotency: IdempotencyMode::AtomicTracking,
        ..Settings::default()
    };
    let actions = [
        fire(Fact::customer_confirmed("42", "1")),
        fire(Fact::caterer_confirmed("42", "1")),
    ];
    let sql = session_sql(DEFAULT_SEED, settings, &actions).unwrap();
    let matched = sql.actions.last().unwrap();
    let transactions: Vec<_> = matched
        .steps
        .iter()
        .filter_map(|step| match step {
            SqlStep::Transaction(transaction) => Some(transaction),
            _ => None,
        })
        .collect();
    let commit = transactions
        .iter()
        .find(|transaction| transaction.why.starts_with("Atomic tracking"))
        .unwrap();
    let kinds: Vec<&str> = commit
        .statements
        .iter()
        .map(|statement| &statement[..statement.find(" ").unwrap()])
        .collect();
    assert_eq!(kinds, ["SELECT", "UPDATE", "INSERT", "UPDATE"]);
    assert!(commit.statements[2].starts_with("INSERT INTO outbox"));
    assert!(commit.statements[3].starts_with("UPDATE cursors SET position = 1"));
    let marked = transactions.last().unwrap();
    assert_eq!(marked.why, "Mark the outbox dispatched");
    assert!(marked.statements[0].starts_with("DELETE FROM outbox WHERE command_id = "));
    assert_eq!(marked.end, TransactionEnd::Commit);
}

#[test]
fn lesson_six_s_link_is_refused_by_the_unique_index_on_the_event_id() {
    let lesson = lessons().into_iter().find(|l| l.number == 6).unwrap();
    let session = lesson.session().unwrap();
    let sql = session_sql(session.seed(), session.settings(), session.actions()).unwrap();
    // The customer's event is tried twice while the store keeps one stream per event.
    assert_eq!(
        sql.refusals(),
        ["events_event_id_key", "events_event_id_key"]
    );
    let script = to_sql_script(&session).unwrap();
    assert!(script.contains(
        "-- Expected: ERROR: duplicate key value violates unique constraint \"events_event_id_key\"\n\
         DO $refused$\nDECLARE refused_by text;\nBEGIN\n  INSERT INTO events"
    ));
    assert!(script.contains("IF refused_by <> 'events_event_id_key' THEN RAISE; END IF;"));
    assert!(script.contains("'Sales', 'CateringMatch$42', coalesce(max(version) + 1, 0), "));
}

#[test]
fn lesson_one_s_refusals_are_the_event_id_the_stream_version_and_the_event_id() {
    let lesson = lessons().into_iter().find(|l| l.number == 1).unwrap();
    let session = lesson.session().unwrap();
    let sql = session_sql(session.seed(), session.settings(), session.actions()).unwrap();
    assert_eq!(
        sql.refusals(),
        [
            "events_event_id_key",
            "stream_events_pkey",
            "events_event_id_key"
        ]
    );
}

#[test]
fn a_crash_before_atomic_tracking_s_commit_rolls_the_row_change_back() {
    let settings = Settings {
        idempotency: IdempotencyMode::AtomicTracking,
        ..Settings::default()
    };
    let actions = [
        Action::ArmCrash {
            point: es_playground::core::process::CrashPoint::AfterStateChange,
        },
        fire(Fact::customer_confirmed("42", "1")),
    ];
    let sql = session_sql(DEFAULT_SEED, settings, &actions).unwrap();
    let crashed = sql.actions.last().unwrap();
    let rolled_back: Vec<_> = crashed
        .steps
        .iter()
        .filter_map(|step| match step {
            SqlStep::Transaction(t) if t.end == TransactionEnd::Rollback => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(rolled_back.len(), 1);
    assert_eq!(
        rolled_back[0].statements[0],
        "SELECT state FROM state_rows WHERE process = 'CateringMatch' AND key = '42' FOR UPDATE"
    );
    assert!(rolled_back[0].statements[1].starts_with(
        "INSERT INTO state_rows (process, key, state) VALUES ('CateringMatch', '42', '{"
    ));
    assert!(sql.tables.state_rows.is_empty());
}

#[test]
fn a_session_of_more_events_than_the_limit_is_refused_and_one_at_the_limit_is_written() {
    // Given sessions of exactly the limit and of two events more
    let orders = |n: usize| Action::FireRandomOrders {
        orders: u32::try_from(n).unwrap(),
    };
    let at_limit = Session::replay(
        DEFAULT_SEED,
        Settings::default(),
        &[orders(MOST_EVENTS_AS_SQL / 2)],
    )
    .unwrap();
    let over = Session::replay(
        DEFAULT_SEED,
        Settings::default(),
        &[orders(MOST_EVENTS_AS_SQL / 2 + 1)],
    )
    .unwrap();
    // When each is written as SQL
    let written = to_sql_script(&at_limit);
    let refused = to_sql_script(&over);
    // Then the first is a script and the second a refusal that says why
    assert!(written.unwrap().contains("CREATE TABLE events"));
    let error = refused.unwrap_err();
    assert_eq!(
        error,
        SqlExportError::TooLarge {
            events: MOST_EVENTS_AS_SQL + 2
        }
    );
    assert_eq!(
        error.to_string(),
        "this session holds 20002 events; a session is written as SQL up to 20000 events"
    );
}

#[test]
fn the_script_counts_its_actions_in_words() {
    let script = script_of(
        Settings::default(),
        &[fire(Fact::customer_confirmed("42", "1"))],
    );
    assert!(script.contains(", 1 action.\n"), "{script}");
}

#[test]
fn the_script_names_each_action_with_the_noun_its_count_takes() {
    let script = script_of(
        Settings::default(),
        &[
            Action::RollBack {
                context: SALES.to_owned(),
                positions: 1,
            },
            Action::FireRandomOrders { orders: 1 },
            Action::RollBack {
                context: SALES.to_owned(),
                positions: 3,
            },
        ],
    );
    assert!(
        script.contains("roll back a transaction of 1 position in Sales"),
        "{script}"
    );
    assert!(script.contains("fire 1 random order\n"), "{script}");
    assert!(
        script.contains("roll back a transaction of 3 positions in Sales"),
        "{script}"
    );
    assert!(
        script.contains("takes 1 position, then is rolled back"),
        "{script}"
    );
    assert!(!script.contains("(s)"), "{script}");
}
