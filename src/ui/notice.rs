//! The messages above the panels: the last refusal, which stays until it
//! is dismissed, and the latest status, which may offer a way on ("Back to
//! my session" after a session was replaced, "Export" when storage is full).
use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::state::{AppHandle, UiAction};
use crate::core::session::Session;

/// A status message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
    /// A button the message offers.
    pub offer: Option<Offer>,
}

impl Notice {
    /// Plain information.
    pub fn info(text: String) -> Notice {
        Notice {
            text,
            tone: Tone::Info,
            offer: None,
        }
    }
}

/// How a notice looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    /// A refused input: nothing changed.
    Refused,
}

/// What a notice offers to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offer {
    /// Back to the session named here, the one just replaced.
    Back(Rc<str>),
    /// Download the session, which storage could not keep.
    Export,
}

/// The session a new one replaced, kept in memory for an instant way back
/// (it is also in the library).
#[derive(Clone, Debug)]
pub struct Back {
    pub session: Rc<RefCell<Session>>,
    pub entry: Rc<str>,
    pub name: Rc<str>,
}

impl PartialEq for Back {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session) && self.entry == other.entry
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub state: AppHandle,
}

/// The refusal (if any) and the latest status message.
#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeProps) -> Html {
    let state = &props.state;
    let refusal = state.refusal.clone().map(|text| {
        let dismiss = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(UiAction::DismissRefusal))
        };
        html! {
            <div class="notice refused" role="alert">
                <span>{ text }</span>
                <button type="button" class="small" onclick={dismiss} aria-label="Dismiss refusal">{ "×" }</button>
            </div>
        }
    });
    let status = state.notice.clone().map(|notice| {
        let class = match notice.tone {
            Tone::Info => "info",
            Tone::Warning => "warning",
            Tone::Refused => "refused",
        };
        let dismiss = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(UiAction::DismissNotice))
        };
        let offer = notice.offer.map(|offer| offer_button(state, &offer));
        html! {
            <div class={classes!("notice", class)} role="status">
                <span>{ notice.text }</span>
                <span class="notice-actions">
                    { for offer }
                    <button type="button" class="small" onclick={dismiss} aria-label="Dismiss message">{ "×" }</button>
                </span>
            </div>
        }
    });
    html! {
        <div class="notice-slot" aria-live="polite">
            { for refusal }
            { for status }
        </div>
    }
}

fn offer_button(state: &AppHandle, offer: &Offer) -> Html {
    let state = state.clone();
    match offer {
        Offer::Back(name) => {
            let onclick = Callback::from(move |_: MouseEvent| state.dispatch(UiAction::GoBack));
            html! {
                <button type="button" {onclick} title={format!("Reopen “{name}”")}>{ "Back to my session" }</button>
            }
        }
        Offer::Export => {
            let onclick = Callback::from(move |_: MouseEvent| export(&state));
            html! { <button type="button" {onclick}>{ "Export" }</button> }
        }
    }
}

/// Downloads the current session as a session file.
pub fn export(state: &AppHandle) {
    let json = state.session().to_json();
    if let Err(message) = browser::download("es-playground-session.json", "application/json", &json)
    {
        state.dispatch(UiAction::Inform(message, Tone::Warning));
    }
}
