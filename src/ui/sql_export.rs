//! "Export as SQL": the session as a PostgreSQL script (the schema, then
//! each action's statements in their transactions, as a relational event
//! store would run them), downloaded for `psql -f` on an empty database.
//! The core writes it ([`crate::core::sql::to_sql_script`]); a session too
//! large to write here is refused with the reason, and nothing changes.
use yew::prelude::*;

use super::browser;
use super::state::{AppHandle, Tone, UiAction};
use crate::core::sql::to_sql_script;

/// The name of the downloaded script.
const FILE_NAME: &str = "es-playground-session.sql";

#[derive(Properties, PartialEq)]
pub struct SqlExportProps {
    pub state: AppHandle,
}

/// The button, inside the Event store controls.
#[function_component(SqlExport)]
pub fn sql_export(props: &SqlExportProps) -> Html {
    let onclick = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            let script = to_sql_script(&state.session());
            match script {
                Ok(script) => match browser::download(FILE_NAME, "application/sql", &script) {
                    Ok(()) => state.dispatch(UiAction::Inform(
                        format!(
                            "The session as SQL: {FILE_NAME}, for psql -f on an empty PostgreSQL database."
                        ),
                        Tone::Info,
                    )),
                    Err(message) => state.dispatch(UiAction::Inform(message, Tone::Warning)),
                },
                Err(error) => state.dispatch(UiAction::Refuse(format!(
                    "The session was not exported as SQL: {error}. Your session is unchanged."
                ))),
            }
        })
    };
    html! {
        <button type="button" {onclick}
            title="The session as a PostgreSQL script: the schema, then each action's statements in their transactions">
            { "Export as SQL" }</button>
    }
}
