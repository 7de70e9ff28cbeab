//! The lesson player: First / Previous / Next / Last step buttons that
//! replace the session with the lesson built up to that step (the core's
//! `Lesson::at_step`), and (`StepDid`, shown under the checks) the line
//! saying what the step did. The arrow
//! keys, Home and End do the same while a lesson is open, except when the
//! focus is in a field that takes typing.
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

/// The step the key asks for, from `at` of `steps`.
fn step_for_key(key: &str, at: usize, steps: usize) -> Option<usize> {
    match key {
        "Home" => Some(0),
        "ArrowLeft" => Some(at.saturating_sub(1)),
        "ArrowRight" => Some((at + 1).min(steps)),
        "End" => Some(steps),
        _ => None,
    }
}

#[function_component(LessonPlayer)]
pub fn lesson_player(props: &PlayerProps) -> Html {
    let steps = props.lesson.steps();
    let on_step = props.lesson.step_of(&props.state.session());
    // Played past the lesson: the player goes on from its last step.
    let at = on_step.unwrap_or(steps);
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
                        if let Some(step) = step_for_key(&event.key(), at, steps) {
                            event.prevent_default();
                            go(&state, &lesson, step);
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let button = |text: &'static str, keys: &'static str, step: usize, disabled: bool| {
        let (state, lesson) = (props.state.clone(), props.lesson.clone());
        let onclick = Callback::from(move |_: MouseEvent| go(&state, &lesson, step));
        html! {
            <button type="button" class="small" aria-keyshortcuts={keys} {disabled} {onclick}>
                { text }
            </button>
        }
    };
    let position = match on_step {
        Some(step) => format!("Step {step} of {steps}"),
        None => format!("Past step {steps} of {steps}: you went on from the lesson"),
    };
    html! {
        <div class="lesson-player" role="group" aria-label="Play the lesson step by step">
            { button("First step", "Home", 0, on_step == Some(0)) }
            { button("Previous step", "ArrowLeft", at.saturating_sub(1), on_step == Some(0)) }
            <span class="lesson-step" aria-live="polite">{ position }</span>
            { button("Next step", "ArrowRight", (at + 1).min(steps), at >= steps) }
            { button("Last step", "End", steps, on_step == Some(steps)) }
            <span class="hint lesson-keys">{ "Keys: ← → Home End" }</span>
        </div>
    }
}

/// What the current step of the lesson did (the notice says it too, until
/// closed); nothing once the session went on past the lesson.
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
        Some(did) => html! { <p class="lesson-did">{ did.clone() }</p> },
        None => html! {},
    }
}
