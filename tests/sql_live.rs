//! PostgreSQL following the session (`core::sql::live`, `read_back`): what
//! the database must run next, whether its answers are what the core
//! decided, and the row-by-row comparison of its tables with the core's.
//! (That real PostgreSQL answers so is the browser tests' part:
//! `tests/browser/postgres.rs`.)
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::{Fact, SALES};
use es_playground::core::lessons::lessons;
use es_playground::core::process::{IdempotencyMode, StrategyKind};
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::sql::{
    Answer, HeldTables, MOST_EVENTS_AS_SQL, OutboxRow, Ran, SqlExportError, SqlStep, Tables,
    command_tag, crud_runs, differences, judge, next_run, session_sql,
};

fn customer(order: &str, menu: &str) -> Action {
    Action::Fire {
        fact: Fact::customer_confirmed(order, menu).unwrap(),
    }
}

fn caterer(order: &str, menu: &str) -> Action {
    Action::Fire {
        fact: Fact::caterer_confirmed(order, menu).unwrap(),
    }
}

fn session_with(actions: &[Action]) -> Session {
    Session::replay(DEFAULT_SEED, Settings::default(), actions).unwrap()
}

fn done(statement: &str, tag: &str) -> Ran {
    Ran {
        statement: statement.to_owned(),
        answer: Answer::Done(tag.to_owned()),
    }
}

fn error(statement: &str, constraint: Option<&str>) -> Ran {
    Ran {
        statement: statement.to_owned(),
        answer: Answer::Error {
            message: "duplicate key value violates unique constraint".to_owned(),
            constraint: constraint.map(str::to_owned),
        },
    }
}

#[test]
fn a_new_database_is_given_the_schema_and_every_action() {
    let session = session_with(&[customer("42", "1"), caterer("42", "1")]);
    let run = next_run(None, &session).unwrap().unwrap();
    assert_eq!(run.fresh_start[0], "DROP SCHEMA IF EXISTS public CASCADE");
    assert!(
        run.fresh_start
            .iter()
            .any(|s| s.starts_with("CREATE TABLE events"))
    );
    // The session's start and its two actions.
    assert_eq!(run.actions.len(), 3);
    assert!(
        run.actions[2]
            .title
            .starts_with("Action 2: fire CatererConfirmedMenu")
    );
    assert_eq!(run.expected(), &Tables::of(&session));
}

#[test]
fn a_database_that_holds_the_session_is_given_nothing() {
    let mut session = session_with(&[customer("42", "1")]);
    let followed = next_run(None, &session).unwrap().unwrap().followed;
    assert_eq!(next_run(Some(&followed), &session).unwrap(), None);
    session.perform(caterer("42", "1")).unwrap();
    assert!(next_run(Some(&followed), &session).unwrap().is_some());
}

#[test]
fn one_more_action_is_given_that_actions_statements_as_a_replay_writes_them() {
    let mut session = session_with(&[customer("42", "1")]);
    let followed = next_run(None, &session).unwrap().unwrap().followed;
    session.perform(caterer("42", "1")).unwrap();
    let run = next_run(Some(&followed), &session).unwrap().unwrap();
    assert!(run.fresh_start.is_empty());
    assert_eq!(run.actions.len(), 1);
    let replayed = session_sql(DEFAULT_SEED, Settings::default(), session.actions()).unwrap();
    let mut last = replayed.actions[2].clone();
    assert!(matches!(last.steps.remove(0), SqlStep::Note(_)));
    assert_eq!(run.actions[0], last);
    assert_eq!(run.expected(), &Tables::of(&session));
    // The action's own statements: the append, the handling, a command.
    let statements: Vec<&str> = run.actions[0]
        .steps
        .iter()
        .flat_map(|step| match step {
            SqlStep::Transaction(t) => t.statements.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    assert!(
        statements
            .iter()
            .any(|s| s.starts_with("INSERT INTO events"))
    );
    assert!(
        statements
            .iter()
            .any(|s| s.starts_with("INSERT INTO state_rows") || s.starts_with("UPDATE state_rows"))
    );
}

#[test]
fn several_more_actions_are_given_each_of_them_and_nothing_before() {
    let mut session = session_with(&[customer("1", "1")]);
    let followed = next_run(None, &session).unwrap().unwrap().followed;
    for action in [caterer("1", "1"), customer("2", "3"), caterer("2", "3")] {
        session.perform(action).unwrap();
    }
    let run = next_run(Some(&followed), &session).unwrap().unwrap();
    assert!(run.fresh_start.is_empty());
    let titles: Vec<&str> = run.actions.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles.len(), 3);
    assert!(titles[0].starts_with("Action 2: "));
    assert!(titles[2].starts_with("Action 4: "));
    assert_eq!(run.expected(), &Tables::of(&session));
}

#[test]
fn another_session_starts_the_database_again() {
    let session = session_with(&[customer("42", "1")]);
    let followed = next_run(None, &session).unwrap().unwrap().followed;
    let switched = Session::replay(
        DEFAULT_SEED,
        Settings {
            strategy: StrategyKind::EventSourced,
            idempotency: IdempotencyMode::None,
        },
        session.actions(),
    )
    .unwrap();
    let run = next_run(Some(&followed), &switched).unwrap().unwrap();
    assert!(!run.fresh_start.is_empty());
    assert_eq!(run.actions.len(), 2);
    // A lesson is another session, unless it has the same seed and settings
    // and its log begins with what the database was given: then it goes on
    // from there (the same rows).
    for lesson in lessons() {
        let lesson = lesson.session().unwrap();
        let run = next_run(Some(&followed), &lesson).unwrap().unwrap();
        let goes_on = lesson.seed() == DEFAULT_SEED
            && lesson.settings() == Settings::default()
            && lesson.actions().starts_with(&[customer("42", "1")]);
        assert_eq!(run.fresh_start.is_empty(), goes_on);
        let skipped = if goes_on { 2 } else { 0 };
        assert_eq!(run.actions.len(), lesson.actions().len() + 1 - skipped);
    }
}

#[test]
fn a_session_too_large_for_postgresql_is_refused_before_anything_runs() {
    let mut session = Session::new(DEFAULT_SEED, Settings::default());
    let orders = (MOST_EVENTS_AS_SQL / 2 + 1) as u32;
    session
        .perform(Action::FireRandomOrders { orders })
        .unwrap();
    let error = next_run(None, &session).unwrap_err();
    assert_eq!(
        error,
        SqlExportError::TooLarge {
            events: MOST_EVENTS_AS_SQL + 2
        }
    );
    assert!(error.to_string().contains("up to 20000 events"));
}

#[test]
fn a_transaction_holds_when_postgresql_carries_out_every_statement() {
    let session = session_with(&[customer("42", "1")]);
    let run = next_run(None, &session).unwrap().unwrap();
    let step = run.actions[1]
        .steps
        .iter()
        .find(|step| matches!(step, SqlStep::Transaction(_)))
        .unwrap();
    let sent = step.to_run();
    assert_eq!(sent.first().unwrap().statement, "BEGIN");
    assert_eq!(sent.last().unwrap().statement, "COMMIT");
    let all_done: Vec<Ran> = sent.iter().map(|s| done(&s.statement, "OK")).collect();
    assert_eq!(judge(step, &all_done), Ok(()));
    let mut refused = all_done.clone();
    refused[1] = error(&sent[1].statement, Some("events_event_id_key"));
    refused.truncate(2);
    let verdict = judge(step, &refused).unwrap_err();
    assert!(verdict.starts_with("PostgreSQL refused a statement the core carried out"));
}

#[test]
fn an_attempt_the_store_refused_holds_only_when_postgresql_refuses_it_by_the_same_constraint() {
    let mut session = session_with(&[customer("42", "1")]);
    let first = session
        .store()
        .stream_events(SALES, "Order$42")
        .unwrap()
        .next()
        .unwrap()
        .id;
    session
        .perform(Action::AppendAgainWithId { event_id: first })
        .unwrap();
    let run = next_run(None, &session).unwrap().unwrap();
    let step = run.actions[2]
        .steps
        .iter()
        .find(|step| matches!(step, SqlStep::Refused(_)))
        .unwrap();
    let sent = step.to_run();
    assert_eq!(sent.last().unwrap().statement, "ROLLBACK");
    let by = |constraint| {
        vec![
            done("BEGIN", "BEGIN"),
            error(&sent[1].statement, constraint),
            done("ROLLBACK", "ROLLBACK"),
        ]
    };
    assert_eq!(judge(step, &by(Some("events_event_id_key"))), Ok(()));
    assert!(
        judge(step, &by(Some("stream_events_pkey")))
            .unwrap_err()
            .contains("for another reason")
    );
    assert!(judge(step, &by(None)).is_err());
    let accepted: Vec<Ran> = sent.iter().map(|s| done(&s.statement, "OK")).collect();
    assert!(
        judge(step, &accepted)
            .unwrap_err()
            .starts_with("PostgreSQL accepted what the core's store refused")
    );
}

#[test]
fn command_tags_are_as_psql_prints_them() {
    assert_eq!(
        command_tag("INSERT INTO events (event_id) VALUES (1)", 0, 1),
        "INSERT 0 1"
    );
    assert_eq!(
        command_tag("update state_rows SET state = '{}'", 0, 1),
        "UPDATE 1"
    );
    assert_eq!(
        command_tag("DELETE FROM outbox WHERE true", 0, 3),
        "DELETE 3"
    );
    assert_eq!(
        command_tag("SELECT nextval('x') FROM generate_series(1, 2)", 2, 0),
        "SELECT 2"
    );
    assert_eq!(
        command_tag("CREATE SEQUENCE position_in_sales AS bigint", 0, 0),
        "CREATE SEQUENCE"
    );
    assert_eq!(
        command_tag("DROP SCHEMA IF EXISTS public CASCADE", 0, 0),
        "DROP SCHEMA"
    );
    assert_eq!(command_tag("BEGIN", 0, 0), "BEGIN");
    assert_eq!(command_tag("  COMMIT", 0, 0), "COMMIT");
}

#[test]
fn equal_tables_have_no_difference_whatever_order_the_rows_come_in() {
    let session = session_with(&[
        customer("1", "1"),
        customer("2", "2"),
        caterer("2", "2"),
        Action::RollBack {
            context: SALES.to_owned(),
            positions: 1,
        },
    ]);
    let core = Tables::of(&session);
    let mut postgres = core.clone();
    postgres.events.reverse();
    postgres.stream_events.reverse();
    postgres.contexts.reverse();
    assert_eq!(differences(&core, &held(&postgres)), Vec::new());
}

#[test]
fn a_row_postgresql_holds_otherwise_is_a_difference_naming_table_and_row() {
    let session = session_with(&[customer("1", "1"), customer("2", "2")]);
    let core = Tables::of(&session);
    let mut postgres = core.clone();
    postgres.events[1].position = 3;
    let found = differences(&core, &held(&postgres));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].table, "events");
    assert_eq!(found[0].row, 2);
    assert!(found[0].core.as_deref().unwrap().contains("\"position\":2"));
    assert!(
        found[0]
            .postgres
            .as_deref()
            .unwrap()
            .contains("\"position\":3")
    );
    let mut missing = core.clone();
    missing.cursors.pop();
    let found = differences(&core, &held(&missing));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].postgres, None);
    assert!(
        found[0]
            .to_string()
            .contains("PostgreSQL holds no such row")
    );
}

#[test]
fn tables_are_read_from_the_json_postgresql_builds() {
    let text = r#"{"contexts":[{"name":"Sales","position_sequence":"position_in_sales","head":2}],
        "events":[{"event_id":"00000000-0000-4000-8000-000000000001","context":"Sales","position":1,
          "type":"CustomerConfirmedMenu","data":{"order_id":"42","menu_id":"1"},
          "metadata":{"correlation_id":null,"causation_id":null},"recorded_at_ms":1704099600000}],
        "stream_events":[{"context":"Sales","stream":"Order$42","version":0,
          "event_id":"00000000-0000-4000-8000-000000000001","linked":false}],
        "state_rows":[],"cursors":[{"reader":"CateringMatch","context":"Sales","position":1}],
        "outbox":[]}"#;
    let tables = HeldTables::from_json(text).unwrap();
    assert_eq!(tables.rows("contexts")[0]["head"], 2);
    assert_eq!(tables.rows("events")[0]["position"], 1);
    assert_eq!(tables.rows("events")[0]["type"], "CustomerConfirmedMenu");
    assert_eq!(tables.rows("events")[0]["data"]["order_id"], "42");
    assert_eq!(tables.rows("stream_events")[0]["stream"], "Order$42");
    assert_eq!(tables.rows("cursors")[0]["position"], 1);
    assert!(tables.rows("outbox").is_empty());
    for unreadable in ["{\"contexts\": 3}", "[]", "{\"contexts\": [", ""] {
        assert!(
            HeldTables::from_json(unreadable)
                .unwrap_err()
                .starts_with("PostgreSQL's tables could not be read"),
            "{unreadable}"
        );
    }
}

/// Tables as PostgreSQL would send them back.
fn held(tables: &Tables) -> HeldTables {
    HeldTables::from_json(&serde_json::to_string(tables).unwrap()).unwrap()
}

#[test]
fn a_difference_in_any_table_is_found_and_rows_in_key_order_are_not_differences() {
    let session = session_with(&[
        customer("1", "1"),
        caterer("1", "1"),
        customer("2", "2"),
        caterer("2", "2"),
    ]);
    let mut core = Tables::of(&session);
    let queued = |command: &str, id: usize| OutboxRow {
        process: "CateringMatch".to_owned(),
        command_id: core.events[id].event_id,
        command: serde_json::json!({ "type": command }),
        causation_id: core.events[id].event_id,
        correlation_id: core.events[id].event_id,
    };
    core.outbox = vec![queued("first", 1), queued("second", 3)];
    let mut changed = core.clone();
    changed.contexts[0].head += 1;
    changed.stream_events[0].version = 9;
    changed.cursors[0].position += 1;
    changed.outbox.reverse();
    let found = differences(&core, &held(&changed));
    let tables: Vec<&str> = found.iter().map(|d| d.table).collect();
    assert!(tables.contains(&"contexts"), "{found:?}");
    assert!(tables.contains(&"stream_events"), "{found:?}");
    assert!(tables.contains(&"cursors"), "{found:?}");
    assert!(tables.contains(&"outbox"), "{found:?}");
    assert!(!tables.contains(&"events"), "{found:?}");
}

#[test]
fn lesson_eight_s_crud_statements_are_those_of_the_catering_facts_fired_one_by_one() {
    let declined = Action::Fire {
        fact: Fact::caterer_declined("42", "1").unwrap(),
    };
    let runs = crud_runs(&[
        customer("42", "1"),
        Action::FireRandomOrders { orders: 3 },
        Action::RollBack {
            context: SALES.to_owned(),
            positions: 1,
        },
        declined,
    ]);
    let statements: Vec<&str> = runs.iter().map(|run| run.statement.as_str()).collect();
    assert_eq!(
        statements,
        [
            "UPDATE catering_match SET customer_confirmed = true WHERE order_id = '42' AND menu_id = '1'",
            "UPDATE catering_match SET caterer_confirmed = false WHERE order_id = '42' AND menu_id = '1'",
        ]
    );
    assert_eq!(
        runs[0].to_run[1],
        "INSERT INTO catering_match (order_id, menu_id) VALUES ('42', '1') ON CONFLICT DO NOTHING"
    );
    assert_eq!(runs[0].to_run[2], runs[0].statement);
    assert!(runs[0].to_run[3].ends_with("WHERE order_id = '42' AND menu_id = '1'"));
}

#[test]
fn a_run_carries_the_crud_statements_of_the_facts_it_gives_postgresql_and_no_others() {
    let first = session_with(&[customer("42", "1")]);
    let fresh = next_run(None, &first).unwrap().unwrap();
    assert_eq!(fresh.crud.len(), 1);
    let followed = fresh.followed.clone();
    let more = session_with(&[customer("42", "1"), caterer("42", "1")]);
    let one_more = next_run(Some(&followed), &more).unwrap().unwrap();
    let statements: Vec<&str> = one_more
        .crud
        .iter()
        .map(|run| run.statement.as_str())
        .collect();
    assert_eq!(
        statements,
        [
            "UPDATE catering_match SET caterer_confirmed = true WHERE order_id = '42' AND menu_id = '1'"
        ]
    );
    let rolled_back = session_with(&[
        customer("42", "1"),
        Action::RollBack {
            context: SALES.to_owned(),
            positions: 1,
        },
    ]);
    let no_fact = next_run(Some(&followed), &rolled_back).unwrap().unwrap();
    assert!(no_fact.crud.is_empty());
}
