//! The `Sessions` control: the library of sessions, newest first, each with
//! its name, when it was saved and how many events it holds; open, rename
//! or delete one. The session this tab shows is marked and cannot be
//! deleted from here.
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::autosave;
use super::library::{self, EntryMeta};
use super::state::{AppHandle, UiAction};

#[derive(Properties, PartialEq)]
pub struct SessionsProps {
    pub state: AppHandle,
}

/// The button and, when open, the list.
#[function_component(SessionsButton)]
pub fn sessions_button(props: &SessionsProps) -> Html {
    let open = use_state(|| false);
    let entries: UseStateHandle<Option<Result<Rc<Vec<EntryMeta>>, String>>> = use_state(|| None);
    // Bumped after a rename or delete, to read the list again.
    let reread = use_state(|| 0u32);
    {
        let entries = entries.clone();
        use_effect_with(
            (
                *open,
                props.state.revision,
                props.state.entry.clone(),
                *reread,
            ),
            move |(open, ..)| {
                if *open {
                    wasm_bindgen_futures::spawn_local(async move {
                        // The autosave of the change just made comes first.
                        gloo::timers::future::TimeoutFuture::new(autosave::DEBOUNCE_MS + 50).await;
                        entries.set(Some(library::list().await.map(Rc::new)));
                    });
                }
            },
        );
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class="sessions-control">
            <button type="button" aria-expanded={open.to_string()} onclick={toggle}>{ "Sessions" }</button>
            if *open {
                <section class="sessions-panel" aria-label="Sessions">
                    <h2>{ "Sessions in this browser" }</h2>
                    { list(&props.state, entries.as_ref(), &reread) }
                </section>
            }
        </div>
    }
}

fn list(
    state: &AppHandle,
    entries: Option<&Result<Rc<Vec<EntryMeta>>, String>>,
    reread: &UseStateHandle<u32>,
) -> Html {
    match entries {
        None => html! { <p class="empty">{ "Reading the library…" }</p> },
        Some(Err(problem)) => {
            html! { <p class="empty">{ format!("The library cannot be read: {problem}.") }</p> }
        }
        Some(Ok(entries)) if entries.is_empty() => html! {
            <p class="empty">{ "Nothing saved yet: a session is kept once you change it." }</p>
        },
        Some(Ok(entries)) => html! {
            <ul class="sessions-list">
                { for entries.iter().map(|meta| row(state, meta, reread)) }
            </ul>
        },
    }
}

fn row(state: &AppHandle, meta: &EntryMeta, reread: &UseStateHandle<u32>) -> Html {
    let current = *state.entry == meta.id;
    let on_open = {
        let (dispatch, id) = (state.dispatcher(), meta.id.clone());
        Callback::from(move |_: MouseEvent| {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let notice = |name: &str| format!("Opened “{name}” from Sessions.");
                match autosave::open_entry(&id, &dispatch, notice).await {
                    Ok(()) => {}
                    Err(problem) => dispatch.dispatch(UiAction::Refuse(format!(
                        "The session could not be opened: {problem}. Your session is unchanged."
                    ))),
                }
            });
        })
    };
    let on_rename = {
        let (dispatch, id, reread) = (state.dispatcher(), meta.id.clone(), reread.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(name) = name_beside(&e) else { return };
            let name = name.trim().to_owned();
            if name.is_empty() {
                dispatch.dispatch(UiAction::Refuse(
                    "A session needs a name; the old one is kept.".to_owned(),
                ));
                return;
            }
            let (dispatch, id, reread) = (dispatch.clone(), id.clone(), reread.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match library::rename(&id, &name).await {
                    Ok(()) => {
                        if current {
                            dispatch.dispatch(UiAction::Rename(name));
                        }
                        reread.set(*reread + 1);
                    }
                    Err(problem) => dispatch.dispatch(UiAction::Refuse(format!(
                        "The session was not renamed: {problem}."
                    ))),
                }
            });
        })
    };
    let on_delete = {
        let (dispatch, id, reread) = (state.dispatcher(), meta.id.clone(), reread.clone());
        Callback::from(move |_: MouseEvent| {
            let (dispatch, id, reread) = (dispatch.clone(), id.clone(), reread.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match library::delete(&id).await {
                    Ok(()) => reread.set(*reread + 1),
                    Err(problem) => dispatch.dispatch(UiAction::Refuse(format!(
                        "The session was not deleted: {problem}."
                    ))),
                }
            });
        })
    };
    html! {
        <li class={classes!("session-row", current.then_some("current"))} aria-label={meta.name.clone()}>
            <div class="session-facts">
                <strong>{ &meta.name }</strong>
                if current { <span class="badge">{ "this tab" }</span> }
                <span class="hint">{ format!("saved {} · {} events · {} actions", library::when(meta.saved_ms), meta.events, meta.actions) }</span>
            </div>
            <div class="session-actions">
                <input type="text" aria-label={format!("New name for {}", meta.name)} value={meta.name.clone()} maxlength="80" />
                <button type="button" class="small" onclick={on_rename}>{ "Rename" }</button>
                <button type="button" class="small" onclick={on_open} disabled={current}>{ "Open" }</button>
                <button type="button" class="small" onclick={on_delete} disabled={current}
                    title={if current { "This tab shows it" } else { "Remove it from this browser" }}>{ "Delete" }</button>
            </div>
        </li>
    }
}

/// The text of the name input in the same row as the clicked button.
fn name_beside(e: &MouseEvent) -> Option<String> {
    let button = e.target_dyn_into::<web_sys::Element>()?;
    let input = button.parent_element()?.query_selector("input").ok()??;
    Some(input.dyn_into::<web_sys::HtmlInputElement>().ok()?.value())
}
