//! The guided tour: one button per lesson of the workshop. A click replays
//! the lesson's actions into a new session (the core's
//! [`crate::core::lessons`]) and opens a callout saying what to
//! look at (folded, so the goal and checks fit a projector); lesson 8 adds the business event and its CRUD statement side by
//! side.
use std::rc::Rc;

use yew::prelude::*;

mod challenge;
mod checks;
mod player;
mod progress;

use crate::core::domain::Fact;
use crate::core::domain::crud::{business_statement, crud_statement};
use crate::core::lessons::{Lesson, lessons};
use crate::core::sql::Answer;
use crate::ui::panels::LessonCompareOffer;
use crate::ui::postgres::CrudRan;
use crate::ui::state::{AppHandle, UiAction};
pub use challenge::ChallengeControl;
use checks::LessonGoal;
use player::{LessonPlayer, StepDid};

/// The lesson whose callout shows the two views of an event.
const WORDS_MATTER: u8 = 8;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub state: AppHandle,
}

/// The lesson buttons and the open lesson's callout.
#[function_component(Lessons)]
pub fn lessons_nav(props: &LessonsProps) -> Html {
    let all: Rc<Vec<Lesson>> = use_memo((), |_| lessons());
    let open = props.state.open_lesson;
    let start = |lesson: &Lesson| {
        let (state, lesson) = (props.state.clone(), lesson.clone());
        Callback::from(move |_: MouseEvent| match lesson.session() {
            Ok(session) => {
                state.dispatch(UiAction::StartLesson(
                    Box::new(session),
                    lesson.number,
                    format!("Lesson {}: {}", lesson.number, lesson.title),
                ));
            }
            Err(error) => state.dispatch(UiAction::Refuse(format!(
                "Lesson {} could not be opened: {error}",
                lesson.number
            ))),
        })
    };
    let close = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(UiAction::CloseLesson))
    };
    let compare = {
        let state = props.state.clone();
        Callback::from(move |comparison| state.dispatch(UiAction::Compare(comparison)))
    };
    let current = open.and_then(|number| all.iter().find(|l| l.number == number));
    // The lessons whose task was seen done in this tab (kept for a reload).
    let done = use_state(progress::load);
    {
        let (state, done, lesson) = (props.state.clone(), done.clone(), current.cloned());
        use_effect_with((props.state.revision, open), move |_| {
            if let Some(lesson) = lesson {
                let finished = lesson.task().rule.check(&state.session()).holds;
                if finished && !done.contains(&lesson.number) {
                    let mut more = (*done).clone();
                    more.insert(lesson.number);
                    progress::save(&more);
                    done.set(more);
                }
            }
        });
    }
    // What the store said to the lesson's refused appends (lesson 1).
    let refusals = {
        let lesson = current.cloned();
        use_memo(open, move |_| {
            lesson
                .map(|lesson| lesson.store_refusals().unwrap_or_default())
                .unwrap_or_default()
        })
    };
    html! {
        <div class="lessons">
            <nav class="lesson-list" aria-label="Lessons">
                <span class="lesson-list-title">{ "Lessons" }</span>
                { for all.iter().map(|lesson| {
                    let pressed = open == Some(lesson.number);
                    let finished = done.contains(&lesson.number);
                    html! { <>
                        <button type="button" class="lesson-button" aria-pressed={pressed.to_string()}
                            onclick={start(lesson)}>{ lesson.label() }</button>
                        if finished { <span class="lesson-done">{ "✓ task done" }</span> }
                    </> }
                }) }
                <span class="lesson-progress">
                    { format!("Tasks done: {} of {}", done.len(), all.len()) }
                </span>
            </nav>
            if let Some(lesson) = current {
                <aside class="lesson-callout" aria-label="Open lesson">
                    <div class="lesson-callout-head">
                        <h2>{ format!("Lesson {}: {}", lesson.number, lesson.title) }</h2>
                        <button type="button" class="small" onclick={close}>{ "Close lesson" }</button>
                    </div>
                    <LessonPlayer state={props.state.clone()} lesson={lesson.clone()} />
                    <LessonCompareOffer lesson={lesson.number} on_compare={compare.clone()} />
                    <LessonGoal state={props.state.clone()} lesson={lesson.clone()}>
                        <StepDid state={props.state.clone()} lesson={lesson.clone()} />
                        if !refusals.is_empty() {
                            <div class="lesson-refusals" role="group" aria-label="What the store said">
                                <h3>{ "What the store said to the refused appends" }</h3>
                                <ol>{ for refusals.iter().map(|said| html! { <li>{ said.clone() }</li> }) }</ol>
                            </div>
                        }
                        if lesson.number == WORDS_MATTER {
                            <WordsSideBySide state={props.state.clone()} />
                        }
                    </LessonGoal>
                    <details class="lesson-look">
                        <summary>{ "What to look at" }</summary>
                        <p>{ lesson.what_to_look_at }</p>
                    </details>
                </aside>
            }
        </div>
    }
}

/// What PostgreSQL in the page answered to the CRUD statement, and the
/// row it left right after: "PostgreSQL ran it: UPDATE 1, leaving …".
fn ran_in_postgres(ran: &CrudRan) -> String {
    let answer = match &ran.answer {
        Answer::Done(tag) => format!("PostgreSQL ran it: {tag}"),
        Answer::Error { message, .. } => format!("PostgreSQL refused it: {message}"),
    };
    match &ran.row {
        Some(row) => format!("{answer}, leaving the row {row}."),
        None => format!("{answer}."),
    }
}

/// The fact shown by the words lesson: the selected event if it is one of
/// the examples, else the last one fired; and which of the two it is.
fn shown_fact(state: &AppHandle) -> Option<(Fact, &'static str)> {
    let session = state.session();
    let selected = state
        .selected_event
        .and_then(|id| session.store().event(id))
        .and_then(|event| Fact::from_recorded(event).ok().flatten());
    if let Some(fact) = selected {
        return Some((fact, "the selected event"));
    }
    let last = session.fired_facts().last().cloned();
    last.map(|fact| (fact, "the last event fired"))
}

#[derive(Properties, PartialEq)]
struct WordsProps {
    state: AppHandle,
}

/// The business event next to the table update it would be in a
/// table-centric system.
#[function_component(WordsSideBySide)]
fn words_side_by_side(props: &WordsProps) -> Html {
    let Some((fact, which)) = shown_fact(&props.state) else {
        return html! {
            <p class="empty">{ "Fire an event to compare the two views of it." }</p>
        };
    };
    let statement = crud_statement(&fact);
    let ran = props.state.postgres.as_ref().and_then(|mode| {
        mode.crud
            .iter()
            .rev()
            .find(|ran| ran.statement == statement)
    });
    html! {
        <div class="words" role="group" aria-label="Two views of one change">
            <p class="words-caption">{ format!("The same change, {which}, told two ways:") }</p>
            <div class="words-side business">
                <h3>{ "Business event" }</h3>
                <code>{ business_statement(&fact) }</code>
                <p class="hint">{ "Says what happened and who did it, in the business's words." }</p>
            </div>
            <div class="words-side crud">
                <h3>{ "CRUD statement" }</h3>
                <code>{ statement }</code>
                if let Some(ran) = ran {
                    <p class="crud-ran">{ ran_in_postgres(ran) }</p>
                }
                <p class="hint">{ "Keeps only the new value of a column." }</p>
            </div>
        </div>
    }
}
