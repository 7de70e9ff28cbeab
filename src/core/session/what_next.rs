//! What happens next for one order: which facts the catering match still
//! waits for, and what it does once they come, read from the order's
//! [`MatchState`] (whose rules live in `process/match_state.rs`).

use crate::core::domain::MenuId;
use crate::core::process::{CatererAnswer, MatchState, MatchStatus};

/// What the process manager waits for on an order, and what it does then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatNext {
    /// The facts that would complete a menu, one line per menu; empty once
    /// the order is matched.
    pub waits_for: Vec<String>,
    /// What it does then, or why it does nothing more.
    pub then: String,
}

/// What happens next for order `order` in `state`.
pub fn what_next(order: &str, state: &MatchState<MenuId>) -> WhatNext {
    if let MatchStatus::Matched(menu) = state.status() {
        return WhatNext {
            waits_for: Vec::new(),
            then: format!(
                "Nothing more: order {order} matched on menu {menu}, and its ConfirmOrder was \
                 decided by the event that completed the match. A later decline comes too late; \
                 a real system would compensate."
            ),
        };
    }
    let mut waits_for: Vec<String> = state
        .menus()
        .filter_map(|menu| {
            let missing: Vec<&str> = [
                (!menu.customer_confirmed).then_some("CustomerConfirmedMenu"),
                (menu.caterer != CatererAnswer::Confirmed).then_some("CatererConfirmedMenu"),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!missing.is_empty())
                .then(|| format!("{} for menu {}", missing.join(" and "), menu.menu_id))
        })
        .collect();
    if waits_for.is_empty() {
        waits_for.push("CustomerConfirmedMenu and CatererConfirmedMenu for one menu".to_owned());
    }
    WhatNext {
        waits_for,
        then: format!(
            "then it sends ConfirmOrder for order {order} with the first menu both sides confirmed"
        ),
    }
}
