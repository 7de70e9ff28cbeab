//! What the tabs of one origin tell each other, on a `BroadcastChannel`:
//! that one saved an entry, or kept its own version of an entry as a copy
//! because another tab had saved it. A tab showing that entry is told.
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::library;
use super::state::{AppState, UiAction};

type Dispatch = UseReducerDispatcher<AppState>;

/// What one tab tells the others.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Message {
    /// `tab` saved `entry`.
    Saved {
        tab: String,
        entry: String,
        name: String,
    },
    /// `tab` found `entry` saved by another tab and kept its own version as `copy`.
    Copied {
        tab: String,
        entry: String,
        name: String,
        copy: String,
    },
}

pub fn tell_tabs(message: &Message) {
    let Ok(text) = serde_json::to_string(message) else {
        return;
    };
    if let Ok(channel) = web_sys::BroadcastChannel::new(library::CHANNEL) {
        let _ = channel.post_message(&text.into());
        channel.close();
    }
}

/// Listens to the other tabs; dropping it stops listening.
pub struct Listener {
    channel: web_sys::BroadcastChannel,
    _closure: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Tells this tab when another one saved or copied the entry it shows.
pub fn listen(dispatch: Dispatch, tab: Rc<str>) -> Option<Listener> {
    let channel = web_sys::BroadcastChannel::new(library::CHANNEL).ok()?;
    let closure = Closure::<dyn Fn(web_sys::MessageEvent)>::new(
        move |event: web_sys::MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            let Ok(message) = serde_json::from_str::<Message>(&text) else {
                return;
            };
            let (from, entry, text) = match message {
                Message::Saved { tab, entry, name } => (
                    tab,
                    entry,
                    format!(
                        "Another tab has just saved “{name}”, the session this tab shows. If you go on here, this tab's version is kept as a copy beside it."
                    ),
                ),
                Message::Copied {
                    tab,
                    entry,
                    name,
                    copy,
                } => (
                    tab,
                    entry,
                    format!(
                        "Another tab was also working on “{name}”: its version is kept as “{copy}” (see Sessions), and this tab's stays “{name}”."
                    ),
                ),
            };
            if *from != *tab {
                dispatch.dispatch(UiAction::OtherTab { entry, text });
            }
        },
    );
    channel.set_onmessage(Some(closure.as_ref().unchecked_ref()));
    Some(Listener {
        channel,
        _closure: closure,
    })
}
