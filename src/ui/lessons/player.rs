//! The lesson player: First / Previous / Next / Last step buttons that
//! replace the session with the lesson built up to that step (the core's
//! `Lesson::at_step`), and (`StepDid`, shown under the checks) the line
//! saying what the step did. The arrow
//! keys, Home and End do what their button does (nothing while it is
//! disabled) while a lesson is open, except when the focus is in a field
//! that takes typing.
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::lessons::Lesson;
use crate::ui::state::{AppHandle, UiAction};

#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    pub state: AppHandle,
    pub lesson: Lesson,
}

/// Replaces the session with `lesson` played up to `step`.
fn go(state: &AppHandle, lesson: &Lesson, step: usize) {
    let settings = state.session().settings();
    match lesson.at_step(step, settings) {
        Ok(played) => state.dispatch(UiAction::StartLesson(
            Box::new(played.session),
            lesson.number,
            format!("Lesson {}, {}", lesson.number, played.did),
        )),
        Err(error) => state.dispatch(UiAction::Refuse(format!(
            "Lesson {} could not be played to step {step}: {error}",
            lesson.number
        ))),
    }
}

/// Whether a key press goes to a field that takes typing.
fn typing_in(event: &KeyboardEvent) -> bool {
    let Some(element) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let tag = element.tag_name().to_ascii_uppercase();
    matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") || element.is_content_editable()
}

/// The player's four moves, each with its key: First, Previous, Next, Last.
const MOVES: [(&str, &str); 4] = [
    ("First step", "Home"),
    ("Previous step", "ArrowLeft"),
    ("Next step", "ArrowRight"),
    ("Last step", "End"),
];

/// Where each of the four moves goes from `on_step` of `steps` (`None`:
/// the session went on past the lesson), or `None` where the move is not
/// offered: a key does exactly what its button does, and nothing when its
/// button is disabled.
fn targets(on_step: Option<usize>, steps: usize) -> [Option<usize>; 4] {
    // Played past the lesson: the player goes on from its last step.
    let at = on_step.unwrap_or(steps);
    [
        (on_step != Some(0)).then_some(0),
        (on_step != Some(0)).then(|| at.saturating_sub(1)),
        (at < steps).then(|| at + 1),
        (on_step != Some(steps)).then_some(steps),
    ]
}

#[function_component(LessonPlayer)]
pub fn lesson_player(props: &PlayerProps) -> Html {
    let steps = props.lesson.steps();
    let on_step = props.lesson.step_of(&props.state.session());
    let moves = targets(on_step, steps);
    {
        let (state, lesson) = (props.state.clone(), props.lesson.clone());
        use_effect_with((props.state.revision, lesson.number), move |_| {
            let listener = web_sys::window()
                .and_then(|window| window.document())
                .map(|document| {
                    EventListener::new(&document, "keydown", move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        if typing_in(event)
                            || event.alt_key()
                            || event.ctrl_key()
                            || event.meta_key()
                        {
                            return;
                        }
                        let key = event.key();
                        let step = MOVES
                            .iter()
                            .zip(moves)
                            .find(|((_, move_key), _)| *move_key == key)
                            .and_then(|(_, step)| step);
                        if let Some(step) = step {
                            event.prevent_default();
                            go(&state, &lesson, step);
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let button = |(text, keys): (&'static str, &'static str), step: Option<usize>| {
        let (state, lesson) = (props.state.clone(), props.lesson.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(step) = step {
                go(&state, &lesson, step);
            }
        });
        let disabled = step.is_none();
        html! {
            <button type="button" class="small" aria-keyshortcuts={keys} {disabled} {onclick}>
                { text }
            </button>
        }
    };
    let [first, previous, next, last] = MOVES;
    let position = match on_step {
        Some(step) => format!("Step {step} of {steps}"),
        None => format!("Past step {steps} of {steps}: you went on from the lesson"),
    };
    html! {
        <div class="lesson-player" role="group" aria-label="Play the lesson step by step">
            { button(first, moves[0]) }
            { button(previous, moves[1]) }
            <span class="lesson-step" aria-live="polite">{ position }</span>
            { button(next, moves[2]) }
            { button(last, moves[3]) }
            <span class="hint lesson-keys">{ "Keys: ← → Home End" }</span>
        </div>
    }
}

/// What the current step of the lesson did, in two lines at most (the
/// notice says it whole too, until closed); nothing once the session went on
/// past the lesson.
#[function_component(StepDid)]
pub fn step_did(props: &PlayerProps) -> Html {
    let did = {
        let (state, lesson) = (props.state.clone(), props.lesson.clone());
        use_memo((props.state.revision, lesson.number), move |_| {
            let session = state.session();
            lesson
                .step_of(&session)
                .and_then(|step| lesson.at_step(step, session.settings()).ok())
                .map(|played| played.did)
        })
    };
    match &*did {
        // Kept to two lines (the stylesheet), whole on hover and in the notice.
        Some(did) => html! { <p class="lesson-did" title={did.clone()}>{ did.clone() }</p> },
        None => html! {},
    }
}
