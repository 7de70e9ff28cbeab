//! The switch "PostgreSQL in the page", inside the Event store controls.
use yew::prelude::*;

use super::PostgresUpdate;
use crate::ui::state::{AppHandle, UiAction};

#[derive(Properties, PartialEq)]
pub struct PostgresSwitchProps {
    pub state: AppHandle,
}

/// A toggle button: pressed while PostgreSQL follows the session.
#[function_component(PostgresSwitch)]
pub fn postgres_switch(props: &PostgresSwitchProps) -> Html {
    let on = props.state.postgres.is_some();
    let onclick = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            let update = if on {
                PostgresUpdate::Off
            } else {
                PostgresUpdate::On
            };
            state.dispatch(UiAction::Postgres(update));
        })
    };
    html! {
        <button type="button" aria-pressed={on.to_string()} {onclick}
            title="A real PostgreSQL (PGlite) in this page runs every action's statements; its tables are checked against the playground's after each">
            { "PostgreSQL in the page" }</button>
    }
}
