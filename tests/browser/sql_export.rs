//! "Export as SQL" in the Event store controls: a small session is
//! downloaded as a PostgreSQL script and the notice names the file; a
//! session past the limit is refused with the reason, and nothing changes.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    click, fresh_app, long_work_done, session_on_screen, text_at, type_into, unmount,
};

#[wasm_bindgen_test]
async fn a_session_is_exported_as_a_sql_script_named_in_the_notice() {
    let app = fresh_app().await;
    type_into(&app, "Order id", "42").await;
    type_into(&app, "Menu id", "1").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    let before = session_on_screen(&app);

    click(&app, "Export as SQL").await;

    let notice = text_at(&app, ".notice");
    assert!(
        notice.contains("The session as SQL: es-playground-session.sql"),
        "{notice}"
    );
    assert_eq!(session_on_screen(&app), before);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_session_past_the_limit_is_refused_with_the_reason_and_stays_as_it_was() {
    let app = fresh_app().await;
    type_into(&app, "Menu id", "1").await;
    type_into(&app, "Random orders", "10001").await;
    click(&app, "Fire random orders").await;
    long_work_done(&app).await;
    let before = session_on_screen(&app);

    click(&app, "Export as SQL").await;

    let notice = text_at(&app, ".notice");
    assert!(
        notice.contains("The session was not exported as SQL: this session holds 20002 events"),
        "{notice}"
    );
    assert!(notice.contains("Your session is unchanged."), "{notice}");
    assert_eq!(session_on_screen(&app), before);
    unmount(&app);
}
