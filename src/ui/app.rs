//! The app: one reducer, the page layout, and the effects that keep the
//! session (autosave and restore, shared links, export and import).
use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use super::autosave::{self, CORRUPT_KEY, Saver};
use super::browser;
use super::controls::{FireControls, ProcessControls, StoreControls};
use super::long_work::{self, Then};
use super::notice::NoticeBar;
use super::panels::{
    CommandsPanel, CompareBar, ComparisonView, CursorsPanel, Panel, ProcessStatePanel,
    Specifications, SqlPanel, StreamsPanel,
};
use super::postgres;
use super::share_link::{self, ShareLink};
use super::state::{AppHandle, AppState, Tone, UiAction};
use super::working_bar::WorkingBar;
use crate::core::lessons::{PanelName, lessons};
use crate::core::session::{MAX_IMPORT_BYTES, read_save_or_file};

/// Where the Dark button's explicit choice is kept (`"true"` or `"false"`);
/// absent until the button is first used, when the system's theme applies.
pub const DARK_KEY: &str = "es-playground/dark";

/// The whole playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let saver: Rc<RefCell<Saver>> = use_mut_ref(Saver::default);

    // Restore once: this tab's session from the library, then a shared link.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let link = share_link::take_link_from_address();
            autosave::restore(state, move |state| open_shared_link(state, link));
        });
    }
    // Hear the other tabs while the page lives.
    {
        let (dispatch, tab) = (state.dispatcher(), Rc::clone(&state.tab));
        use_effect_with((), move |_| {
            let listener = super::tabs::listen(dispatch, tab);
            move || drop(listener)
        });
    }
    // Autosave after every change, debounced; what is pending is written
    // at once when the page is hidden or goes (best effort: the browser may
    // end the page before the write is done), or the app is destroyed.
    {
        let saver = saver.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let listeners: Vec<EventListener> = ["pagehide", "visibilitychange"]
                .into_iter()
                .map(|kind| {
                    let saver = saver.clone();
                    EventListener::new(&window, kind, move |_| autosave::flush(&saver))
                })
                .collect();
            move || {
                drop(listeners);
                autosave::flush(&saver);
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| autosave::on_change(&saver, &state));
    }
    // A replaced session is freed in a task of its own once the new one is
    // drawn: freeing a million events takes about a tenth of a second.
    {
        let cell = state.session_rc();
        use_effect_with(Rc::as_ptr(&cell) as usize, move |_| {
            move || long_work::free_later(cell)
        });
    }
    // Long work (a switch, many random orders, a large reopen) runs in
    // slices beside the session; see `long_work.rs`.
    {
        let (working, dispatch) = (state.working.clone(), state.dispatcher());
        use_effect_with(working.as_ref().map(|w| w.id), move |_| {
            if let Some(working) = working {
                working.start(dispatch);
            }
        });
    }
    // PostgreSQL in the page, while on, follows the session shown: see
    // `postgres/follow.rs`.
    {
        let follower = use_mut_ref(postgres::Follower::default);
        {
            let follower = follower.clone();
            use_effect_with((), move |_| move || follower.borrow_mut().stop());
        }
        let mode = state.postgres.as_ref();
        let key = (
            mode.map(|mode| (mode.id, mode.runs, mode.ready_ms.is_some())),
            Rc::as_ptr(&state.session_rc()) as usize,
            state.revision,
        );
        let state = state.clone();
        use_effect_with(key, move |_| {
            postgres::follow(
                &follower,
                state.postgres.as_ref(),
                &state.session(),
                state.dispatcher(),
            );
        });
    }

    // With a lesson open, the panels it is about come first and the
    // controls fold away (the core says which panels: `Lesson::focus`).
    let focus: &'static [PanelName] = *use_memo(state.open_lesson, |open| {
        open.and_then(|number| lessons().into_iter().find(|l| l.number == number))
            .map(|lesson| lesson.focus())
            .unwrap_or_default()
    });
    let place = |name: PanelName| focus.iter().position(|f| *f == name);
    let lesson_open = state.open_lesson.is_some();
    let class = classes!(
        "app",
        lesson_open.then_some("lesson-open"),
        place(PanelName::Specifications).map(|_| "focus-specs"),
    );
    let panel = |name: PanelName| (AttrValue::Static(name.label()), place(name));
    let (streams, cursors, process, commands) = (
        panel(PanelName::Streams),
        panel(PanelName::Cursors),
        panel(PanelName::ProcessState),
        panel(PanelName::Commands),
    );
    let view = state.view();
    let dispatcher = state.dispatcher();
    let on_select_event = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |id| dispatcher.dispatch(UiAction::SelectEvent(id)))
    };
    let on_select_order = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |order| dispatcher.dispatch(UiAction::SelectOrder(order)))
    };
    let on_time_travel = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |at| dispatcher.dispatch(UiAction::TimeTravel(at)))
    };
    let on_cancel_work = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(UiAction::CancelWork))
    };
    let on_compare = Callback::from(move |c| dispatcher.dispatch(UiAction::Compare(c)));
    let comparing = state.compare.is_some();
    let selected_order: Option<AttrValue> = state.selected_order.clone().map(AttrValue::from);
    html! {
        <div {class}>
            <header class="app-header">
                <h1>{ "es-playground" }</h1>
                <p class="tagline">{ "Fire domain events, then watch the event store and the process manager react." }</p>
                <SessionTools state={state.clone()} />
            </header>
            <NoticeBar state={state.clone()} />
            <WorkingBar working={state.working.clone()} on_cancel={on_cancel_work} />
            <super::lessons::Lessons state={state.clone()} />
            <details class="controls-fold" open={!lesson_open}>
                <summary>{ "More controls" }</summary>
            <section class="controls" aria-label="Controls">
                <FireControls state={state.clone()} />
                <ProcessControls state={state.clone()} />
                <StoreControls state={state.clone()} />
            </section>
            </details>
            <CompareBar session={view.clone()} comparison={state.compare} lesson={state.open_lesson}
                on_compare={on_compare.clone()} />
            // Kept mounted (hidden) while comparing, so closing the comparison
            // returns to the panels exactly as they were.
            <main class="panels" hidden={comparing}>
                <Panel label={streams.0} focus={streams.1} hint="Each context's streams with their events in version order (⤴ marks a link). Select an event for its details.">
                    <StreamsPanel session={view.clone()} selected_event={state.selected_event} on_select_event={on_select_event.clone()} />
                </Panel>
                <Panel label={cursors.0} focus={cursors.1} hint="Each context's log as positions; the pointer is the process manager's saved cursor (on its own outbox log, the dispatcher's).">
                    <CursorsPanel session={view.clone()} />
                </Panel>
                <Panel label={process.0} focus={process.1} hint="Per order, the state as the chosen strategy keeps it.">
                    <ProcessStatePanel session={view.clone()} selected_order={selected_order.clone()} time_travel={state.time_travel}
                        on_select_order={on_select_order.clone()} on_time_travel={on_time_travel.clone()} />
                </Panel>
                <Panel label={commands.0} focus={commands.1} hint="Everything sent to the command bus, newest first, each with the event that caused it.">
                    <CommandsPanel session={view.clone()} on_select_event={on_select_event.clone()} />
                </Panel>
                if let Some(mode) = state.postgres.clone() {
                    <Panel label="SQL" hint="Each action's statements as PostgreSQL (PGlite, in this page) ran them, with its answers; after each run its tables are compared with the playground's, row by row.">
                        <SqlPanel {mode} />
                    </Panel>
                }
            </main>
            if let Some(comparison) = state.compare {
                <ComparisonView session={view.clone()} {comparison} on_compare={on_compare.clone()}
                    selected_order={selected_order.clone()} time_travel={state.time_travel}
                    on_select_order={on_select_order.clone()} on_time_travel={on_time_travel.clone()}
                    on_select_event={on_select_event.clone()} focus={(commands.1, process.1)} />
            }
            <Specifications state={state.clone()} />
        </div>
    }
}

/// Opens the shared link that was in the address bar when the page opened
/// (taken out of it at once, so a reload restores the library instead),
/// after the library's restore, so its notice or refusal is the last word.
/// The session it replaces stays in the library, with the way back offered.
fn open_shared_link(state: &AppHandle, link: share_link::LinkAtOpen) {
    share_link::open_link(state, link, |session, text| {
        state.dispatch(UiAction::Open(session, "Shared session".to_owned(), text))
    });
}

#[derive(Properties, PartialEq)]
struct ToolsProps {
    state: AppHandle,
}

/// Export, import, share, reset, and the display switches.
#[function_component(SessionTools)]
fn session_tools(props: &ToolsProps) -> Html {
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    // An explicit choice (the Dark button) is remembered; until one is
    // made, the system's `prefers-color-scheme` decides.
    let dark = use_state(
        || match browser::storage_get(DARK_KEY).ok().flatten().as_deref() {
            Some(choice) => choice == "true",
            None => browser::prefers_dark(),
        },
    );
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
            let _ = browser::storage_set("es-playground/large", &large.to_string());
        });
    }
    let on_export = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| super::notice::export(&state))
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
            *reader.borrow_mut() =
                Some(gloo::file::callbacks::read_as_text(&file, move |result| {
                    let refused = |error: String| {
                        UiAction::Refuse(format!(
                            "{name} was not imported: {error}. Your session is unchanged."
                        ))
                    };
                    let file = match result
                        .map_err(|e| e.to_string())
                        .and_then(|text| read_save_or_file(&text).map_err(|e| e.to_string()))
                    {
                        Ok(file) => file,
                        Err(error) => return state.dispatch(refused(error)),
                    };
                    let what = || format!("Importing {name}");
                    let then = Then::Open(name.clone(), format!("Imported {name}."));
                    if let Err(error) =
                        long_work::open(file.into_replay(), what, then, &state.dispatcher())
                    {
                        state.dispatch(refused(error.to_string()));
                    }
                }));
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
    let toggle_dark = {
        let dark = dark.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = browser::storage_set(DARK_KEY, &(!*dark).to_string());
            dark.set(!*dark)
        })
    };
    html! {
        <nav class="tools" aria-label="Session">
            <button type="button" onclick={on_export}>{ "Export" }</button>
            <label class="button-like">{ "Import" }
                <input type="file" accept=".json,application/json" onchange={on_import} class="visually-hidden" aria-label="Import" /></label>
            <ShareLink state={props.state.clone()} />
            <super::lessons::ChallengeControl state={props.state.clone()} />
            <button type="button" onclick={on_reset}>{ "Reset" }</button>
            <super::sessions::SessionsButton state={props.state.clone()} />
            if has_corrupt { <button type="button" onclick={on_corrupt}>{ "Download unreadable save" }</button> }
            <button type="button" aria-pressed={dark.to_string()} onclick={toggle_dark}>{ "Dark" }</button>
            <button type="button" aria-pressed={large.to_string()} onclick={toggle(&large)}>{ "Large type" }</button>
        </nav>
    }
}
