//! A trainer's own lesson: the `Challenge` button opens a form (title,
//! goal, the checks to tick from the core's rules); `Set challenge` and
//! `Remove challenge` apply `Action::SetChallenge`, so the challenge is in
//! the session's log and travels with exports, saves and links. While the
//! session has a challenge, a box shows its title, goal and each check as
//! "✓ holds" or "○ not yet" with the core's reason (words, not colour).
//! The form's refusals are the core's (`Challenge::new`), shown in the form.
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::lessons::{
    CHALLENGE_RULES, Challenge, Check, MAX_CHALLENGE_GOAL, MAX_CHALLENGE_TITLE, Rule,
};
use crate::core::session::Action;
use crate::core::words::counted;
use crate::ui::state::{AppHandle, UiAction};

#[derive(Properties, PartialEq)]
pub struct ChallengeProps {
    pub state: AppHandle,
}

/// What the form holds while it is being filled in.
#[derive(Clone, Default, PartialEq)]
struct Draft {
    title: String,
    goal: String,
    rules: Vec<Rule>,
    refusal: Option<String>,
}

impl Draft {
    fn of(challenge: Option<&Challenge>) -> Self {
        challenge.map_or_else(Draft::default, |c| Draft {
            title: c.title().to_owned(),
            goal: c.goal().to_owned(),
            rules: c.rules().to_vec(),
            refusal: None,
        })
    }
}

/// The `Challenge` button, its form when open, and the challenge's box.
#[function_component(ChallengeControl)]
pub fn challenge_control(props: &ChallengeProps) -> Html {
    let open = use_state(|| false);
    let draft = use_state(Draft::default);
    let state = props.state.clone();
    let current = state.session().challenge().cloned();

    let on_toggle = {
        let (open, draft, current) = (open.clone(), draft.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            if !*open {
                draft.set(Draft::of(current.as_ref()));
            }
            open.set(!*open);
        })
    };
    let edit = |change: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*draft).clone();
                change(&mut next, input.value());
                draft.set(next);
            }
        })
    };
    let on_title = edit(|d, v| d.title = v);
    let on_goal = edit(|d, v| d.goal = v);
    let on_submit = {
        let (state, draft, open) = (state.clone(), draft.clone(), open.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The rules in the order the form lists them.
            let rules: Vec<Rule> = CHALLENGE_RULES
                .iter()
                .copied()
                .filter(|rule| draft.rules.contains(rule))
                .collect();
            match Challenge::new(&draft.title, &draft.goal, rules) {
                Ok(challenge) => {
                    state.dispatch(UiAction::Perform(Action::SetChallenge {
                        challenge: Some(challenge),
                    }));
                    open.set(false);
                }
                Err(error) => draft.set(Draft {
                    refusal: Some(format!("Not set: {error}.")),
                    ..(*draft).clone()
                }),
            }
        })
    };
    let on_remove = {
        let (state, open) = (state.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            state.dispatch(UiAction::Perform(Action::SetChallenge { challenge: None }));
            open.set(false);
        })
    };

    let tick = |rule: Rule| {
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            let mut next = (*draft).clone();
            match next.rules.iter().position(|r| *r == rule) {
                Some(index) => {
                    next.rules.remove(index);
                }
                None => next.rules.push(rule),
            }
            draft.set(next);
        })
    };

    html! {
        <>
            <button type="button" aria-expanded={open.to_string()} onclick={on_toggle}>{ "Challenge" }</button>
            if *open {
                <form class="challenge-form" aria-label="Set a challenge" onsubmit={on_submit}>
                    <h2>{ "A challenge for the room" }</h2>
                    <p class="hint">{ "Give this session a title, a goal and the checks that prove it; share it as a link or a file." }</p>
                    <label class="challenge-field">{ "Challenge title" }
                        <input type="text" value={draft.title.clone()} oninput={on_title}
                            maxlength={MAX_CHALLENGE_TITLE.to_string()} required=true /></label>
                    <label class="challenge-field">{ "Challenge goal" }
                        <input type="text" value={draft.goal.clone()} oninput={on_goal}
                            maxlength={MAX_CHALLENGE_GOAL.to_string()} required=true /></label>
                    <fieldset class="challenge-rules">
                        <legend>{ "Checks (tick at least one)" }</legend>
                        { for CHALLENGE_RULES.iter().map(|rule| html! {
                            <label class="challenge-rule">
                                <input type="checkbox" checked={draft.rules.contains(rule)} onchange={tick(*rule)} />
                                { rule.says() }
                            </label>
                        }) }
                    </fieldset>
                    if let Some(refusal) = &draft.refusal {
                        <p class="challenge-refusal" role="alert">{ refusal.clone() }</p>
                    }
                    <div class="challenge-buttons">
                        <button type="submit">{ "Set challenge" }</button>
                        <button type="button" onclick={on_remove} disabled={current.is_none()}>{ "Remove challenge" }</button>
                    </div>
                </form>
            }
            if let Some(challenge) = current {
                <ChallengeBox state={props.state.clone()} challenge={challenge} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BoxProps {
    state: AppHandle,
    challenge: Challenge,
}

fn check_row(check: &Check) -> Html {
    let (class, verdict) = if check.holds {
        ("challenge-check holds", "✓ holds")
    } else {
        ("challenge-check not-yet", "○ not yet")
    };
    html! {
        <li class={class}>
            <span class="challenge-verdict">{ verdict }</span>
            { " " }<span class="challenge-says">{ check.rule.says() }</span>
            <span class="hint">{ format!(" ({})", check.why) }</span>
        </li>
    }
}

/// The session's challenge and its checks, evaluated once per change.
#[function_component(ChallengeBox)]
fn challenge_box(props: &BoxProps) -> Html {
    let checks = {
        let (state, challenge) = (props.state.clone(), props.challenge.clone());
        use_memo((props.state.revision, props.challenge.clone()), move |_| {
            challenge.checks(&state.session())
        })
    };
    let held = checks.iter().filter(|check| check.holds).count();
    html! {
        <section class="challenge-box" aria-label="Challenge checks">
            <h2>{ format!("Challenge: {}", props.challenge.title()) }</h2>
            <p class="challenge-goal"><strong>{ "Goal: " }</strong>{ props.challenge.goal() }</p>
            <p class="challenge-count">{ format!("{held} of {} hold", counted(checks.len(), "check", "checks")) }</p>
            <ul class="challenge-checks">{ for checks.iter().map(check_row) }</ul>
        </section>
    }
}
