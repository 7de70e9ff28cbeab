//! Every lesson's session as SQL, for the check by real PostgreSQL: with
//! `SQL_CHECK_DIR` set, writes `lesson-N.sql` (the script) and
//! `lesson-N.json` (the tables the core holds, and the refusals the script
//! must meet) there, for `scripts/sql-check.mjs` (`make test`).
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::lessons::lessons;
use es_playground::core::sql::{session_script, session_sql};

#[test]
fn every_lesson_is_written_as_sql_for_the_postgresql_check() {
    let dir = std::env::var_os("SQL_CHECK_DIR");
    for lesson in lessons() {
        let session = lesson.session().unwrap();
        let sql = session_sql(session.seed(), session.settings(), session.actions()).unwrap();
        let script = session_script(&session, &sql);
        let expected = serde_json::json!({
            "lesson": lesson.number,
            "title": lesson.title,
            "tables": sql.tables,
            "refusals": sql.refusals(),
        });
        if let Some(dir) = &dir {
            let dir = std::path::Path::new(dir);
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("lesson-{}.sql", lesson.number)), script).unwrap();
            let json = serde_json::to_string_pretty(&expected).unwrap();
            std::fs::write(dir.join(format!("lesson-{}.json", lesson.number)), json).unwrap();
        }
    }
}
