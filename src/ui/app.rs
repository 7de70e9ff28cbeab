//! The app: one reducer, the page layout, and the effects that keep the
//! session (autosave and restore, shared links, export and import).
use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use super::browser;
use super::commands::CommandsPanel;
use super::controls::{FireControls, ProcessControls, StoreControls};
use super::cursors::CursorsPanel;
use super::panels::Panel;
use super::process::ProcessPanel;
use super::share_link::{self, ShareLink};
use super::state::{AppHandle, AppState, Tone, UiAction};
use super::streams::StreamsPanel;
use crate::core::session::{MAX_IMPORT_BYTES, Session};

/// Where the session is autosaved.
pub const STORAGE_KEY: &str = "es-playground/session";
/// Where an unreadable saved session is kept, so it is not lost.
pub const CORRUPT_KEY: &str = "es-playground/session-unreadable";

/// The whole playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let restored = use_mut_ref(|| false);

    // Restore once: a shared link wins over the autosaved session.
    {
        let state = state.clone();
        let restored = restored.clone();
        use_effect_with((), move |_| {
            restore(&state);
            *restored.borrow_mut() = true;
        });
    }
    // Autosave after every change (the file is the action list: small).
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            if *restored.borrow() {
                let json = state.session().to_json();
                if let Err(message) = browser::storage_set(STORAGE_KEY, &json) {
                    state.dispatch(UiAction::Inform(message, Tone::Warning));
                }
            }
        });
    }

    html! {
        <div class="app">
            <header class="app-header">
                <h1>{ "es-playground" }</h1>
                <p class="tagline">{ "Fire domain events, then watch the event store and the process manager react." }</p>
                <SessionTools state={state.clone()} />
            </header>
            <NoticeBar state={state.clone()} />
            <super::lessons::Lessons state={state.clone()} />
            <section class="controls" aria-label="Controls">
                <FireControls state={state.clone()} />
                <ProcessControls state={state.clone()} />
                <StoreControls state={state.clone()} />
            </section>
            <main class="panels">
                <Panel label="Streams" hint="Each context's streams with their events in version order (⤴ marks a link). Select an event for its details.">
                    <StreamsPanel state={state.clone()} />
                </Panel>
                <Panel label="Cursors" hint="Each context's log as positions; the pointer is the process manager's saved cursor.">
                    <CursorsPanel state={state.clone()} />
                </Panel>
                <Panel label="Process state" hint="Per order, the state as the chosen strategy keeps it.">
                    <ProcessPanel state={state.clone()} />
                </Panel>
                <Panel label="Commands" hint="Everything sent to the command bus, newest first, each with the event that caused it.">
                    <CommandsPanel state={state.clone()} />
                </Panel>
            </main>
            <super::specs::Specifications state={state.clone()} />
        </div>
    }
}

fn restore(state: &AppHandle) {
    // A shared link is taken out of the address bar first (so a reload
    // restores the autosave) and acted on last (so its notice stays).
    let link = share_link::take_link_from_address();
    restore_autosave(state);
    share_link::open_link(state, link, |session, text| {
        state.dispatch(UiAction::Replace(session, text))
    });
}

fn restore_autosave(state: &AppHandle) {
    match browser::storage_get(STORAGE_KEY) {
        Ok(Some(text)) => match Session::from_json(&text) {
            Ok(session) => state.dispatch(UiAction::Replace(
                Box::new(session),
                "Welcome back: your session was restored.".to_owned(),
            )),
            Err(error) => {
                let _ = browser::storage_set(CORRUPT_KEY, &text);
                browser::storage_remove(STORAGE_KEY);
                state.dispatch(UiAction::Refuse(format!(
                    "The saved session could not be read ({error}); a new one was started. The unreadable copy is kept: use “Download unreadable save”."
                )));
            }
        },
        Ok(None) => {}
        Err(message) => state.dispatch(UiAction::Inform(message, Tone::Warning)),
    }
}

#[derive(Properties, PartialEq)]
struct ToolsProps {
    state: AppHandle,
}

/// Export, import, share, reset, and the display switches.
#[function_component(SessionTools)]
fn session_tools(props: &ToolsProps) -> Html {
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let dark = use_state(|| {
        browser::storage_get("es-playground/dark")
            .ok()
            .flatten()
            .as_deref()
            == Some("true")
    });
    let large = use_state(|| {
        browser::storage_get("es-playground/large")
            .ok()
            .flatten()
            .as_deref()
            == Some("true")
    });
    {
        let (dark, large) = (*dark, *large);
        use_effect_with((dark, large), move |_| {
            browser::set_root_attribute("data-theme", Some(if dark { "dark" } else { "light" }));
            browser::set_root_attribute(
                "data-large-type",
                Some(if large { "true" } else { "false" }),
            );
            let _ = browser::storage_set("es-playground/dark", &dark.to_string());
            let _ = browser::storage_set("es-playground/large", &large.to_string());
        });
    }
    let on_export = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            let json = state.session().to_json();
            if let Err(message) =
                browser::download("es-playground-session.json", "application/json", &json)
            {
                state.dispatch(UiAction::Inform(message, Tone::Warning));
            }
        })
    };
    let on_import = {
        let (state, reader) = (props.state.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo::file::File::from(file);
            if file.size() as usize > MAX_IMPORT_BYTES {
                state.dispatch(UiAction::Refuse(format!(
                    "{} ({} bytes) is larger than the {} KB a session file may be; nothing was changed.",
                    file.name(), file.size(), MAX_IMPORT_BYTES / 1024
                )));
                return;
            }
            let state = state.clone();
            let name = file.name();
            *reader.borrow_mut() = Some(gloo::file::callbacks::read_as_text(
                &file,
                move |result| match result
                    .map_err(|e| e.to_string())
                    .and_then(|text| Session::from_json(&text).map_err(|e| e.to_string()))
                {
                    Ok(session) => state.dispatch(UiAction::Replace(
                        Box::new(session),
                        format!("Imported {name}."),
                    )),
                    Err(error) => state.dispatch(UiAction::Refuse(format!(
                        "{name} was not imported: {error}. Your session is unchanged."
                    ))),
                },
            ));
        })
    };
    let on_reset = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            browser::replace_hash("");
            state.dispatch(UiAction::Reset);
        })
    };
    let on_corrupt = {
        let state = props.state.clone();
        Callback::from(
            move |_: MouseEvent| match browser::storage_get(CORRUPT_KEY) {
                Ok(Some(text)) => {
                    if let Err(message) = browser::download(
                        "es-playground-unreadable-save.json",
                        "application/json",
                        &text,
                    ) {
                        state.dispatch(UiAction::Inform(message, Tone::Warning));
                    }
                }
                _ => state.dispatch(UiAction::Inform(
                    "There is no unreadable save.".to_owned(),
                    Tone::Info,
                )),
            },
        )
    };
    let has_corrupt = matches!(browser::storage_get(CORRUPT_KEY), Ok(Some(_)));
    let toggle = |s: &UseStateHandle<bool>| {
        let s = s.clone();
        Callback::from(move |_: MouseEvent| s.set(!*s))
    };
    html! {
        <nav class="tools" aria-label="Session">
            <button type="button" onclick={on_export}>{ "Export" }</button>
            <label class="button-like">{ "Import" }
                <input type="file" accept=".json,application/json" onchange={on_import} class="visually-hidden" aria-label="Import" /></label>
            <ShareLink state={props.state.clone()} />
            <button type="button" onclick={on_reset}>{ "Reset" }</button>
            if has_corrupt { <button type="button" onclick={on_corrupt}>{ "Download unreadable save" }</button> }
            <button type="button" aria-pressed={dark.to_string()} onclick={toggle(&dark)}>{ "Dark" }</button>
            <button type="button" aria-pressed={large.to_string()} onclick={toggle(&large)}>{ "Large type" }</button>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    state: AppHandle,
}

/// The latest message: information, a warning from the lesson, or a refusal.
#[function_component(NoticeBar)]
fn notice_bar(props: &NoticeProps) -> Html {
    let Some(notice) = props.state.notice.clone() else {
        return html! { <div class="notice-slot" role="status" aria-live="polite"></div> };
    };
    let (class, role) = match notice.tone {
        Tone::Info => ("info", "status"),
        Tone::Warning => ("warning", "status"),
        Tone::Refused => ("refused", "alert"),
    };
    let dismiss = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(UiAction::DismissNotice))
    };
    html! {
        <div class={classes!("notice", class)} {role} aria-live="polite">
            <span>{ notice.text }</span>
            <button type="button" class="small" onclick={dismiss} aria-label="Dismiss message">{ "×" }</button>
        </div>
    }
}
