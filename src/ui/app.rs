//! The app shell: header, controls, and the four panels.
use yew::prelude::*;

use super::panels::Panel;

/// The whole playground page.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <div class="app">
            <header class="app-header">
                <h1>{ "es-playground" }</h1>
                <p class="tagline">{ "Fire domain events, then watch the event store and the process manager react." }</p>
            </header>
            <section class="controls" aria-label="Controls">
                <label>{ "Order id" }<input type="text" value="42" /></label>
                <label>{ "Menu id" }<input type="text" value="1" /></label>
                <button type="button" class="event customer">{ "CustomerConfirmedMenu" }</button>
                <button type="button" class="event caterer">{ "CatererConfirmedMenu" }</button>
            </section>
            <main class="panels">
                <Panel label="Streams" hint="Each context's streams, with their events in version order." />
                <Panel label="Cursors" hint="Each context's log, and where the process manager has read up to." />
                <Panel label="Process state" hint="Per order: what the process manager knows so far." />
                <Panel label="Commands" hint="What the process manager sent to the command bus." />
            </main>
        </div>
    }
}
