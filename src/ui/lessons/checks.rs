//! The open lesson's goal, its live checks and its task, as the core
//! evaluates them on the current session (`Lesson::checks`, `Lesson::task`),
//! and what the process manager still waits for on the order selected in
//! Process state, else the lessons' order 42 (`what_next`). Each check says
//! "holds" or "not yet" in words, with the core's reason, so the screen does
//! not rely on colour.
use yew::prelude::*;

use crate::core::lessons::{Check, Lesson};
use crate::core::session::what_next;
use crate::ui::state::AppHandle;

/// The order every lesson's scenario is about, shown when none is selected.
const LESSON_ORDER: &str = "42";

#[derive(Properties, PartialEq)]
pub struct GoalProps {
    pub state: AppHandle,
    pub lesson: Lesson,
    /// Shown right under the checks (the step's line, what the lesson
    /// shows beside them).
    #[prop_or_default]
    pub children: Html,
}

fn check_row(check: &Check, name: &str) -> Html {
    let (class, verdict) = if check.holds {
        ("lesson-check holds", "✓ holds")
    } else {
        ("lesson-check not-yet", "○ not yet")
    };
    html! {
        <li class={class}>
            <span class="lesson-verdict">{ verdict }</span>
            <span class="lesson-rule">{ name.to_owned() }</span>
            <span class="hint lesson-why" title={check.why.clone()}>{ format!(" ({})", check.why) }</span>
        </li>
    }
}

#[function_component(LessonGoal)]
pub fn lesson_goal(props: &GoalProps) -> Html {
    // Evaluated once per change of the session, not on every redraw.
    let evaluated = {
        let (state, lesson) = (props.state.clone(), props.lesson.clone());
        let order = props
            .state
            .selected_order
            .clone()
            .unwrap_or_else(|| LESSON_ORDER.to_owned());
        use_memo(
            (props.state.revision, props.lesson.number, order),
            move |(_, _, order)| {
                let session = state.session();
                let task = lesson.task();
                let next = session
                    .runner()
                    .state_of(session.store(), order)
                    .ok()
                    .map(|state| (order.clone(), what_next(order, &state)));
                (
                    lesson.checks(&session),
                    task,
                    task.rule.check(&session),
                    next,
                )
            },
        )
    };
    let (checks, task, task_check, next) = &*evaluated;
    html! {
        <div class="lesson-goal">
            <p class="lesson-goal-text"><strong>{ "Goal: " }</strong>{ props.lesson.goal() }</p>
            <div role="group" aria-label="Lesson checks">
                <h3>{ "Checks on this session" }</h3>
                <ul class="lesson-checks">
                    { for checks.iter().map(|check| check_row(check, check.rule.says())) }
                </ul>
            </div>
            { props.children.clone() }
            if let Some((order, next)) = next {
                <div role="group" aria-label="What happens next">
                    <h3>{ format!("What happens next for order {order}") }</h3>
                    <ul class="lesson-next">
                        { for next.waits_for.iter().map(|fact| html! { <li>{ format!("Waiting for {fact}") }</li> }) }
                        <li>{ next.then.clone() }</li>
                    </ul>
                </div>
            }
            <div role="group" aria-label="Your task">
                <h3>{ "Your task" }</h3>
                <p class="lesson-task">{ task.text }</p>
                <ul class="lesson-checks">{ check_row(task_check, task.rule.says()) }</ul>
            </div>
        </div>
    }
}
