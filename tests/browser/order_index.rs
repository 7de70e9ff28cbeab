//! The Process state panel's sorted list of orders: built a few units at a
//! time (as long work builds it) it is the list built at once, every order
//! once, in text order; a new order later goes into its place.
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use es_playground::core::domain::Fact;
use es_playground::core::session::{Action, Session, Settings};
use es_playground::ui::OrderIndex;
use wasm_bindgen_test::wasm_bindgen_test;

fn session_with_random_orders(orders: u32) -> Rc<RefCell<Session>> {
    let mut session = Session::new(42, Settings::default());
    session
        .perform(Action::FireRandomOrders { orders })
        .expect("accepted");
    Rc::new(RefCell::new(session))
}

#[wasm_bindgen_test]
fn orders_listed_a_few_streams_at_a_time_are_every_order_once_in_text_order() {
    // Given 3 000 random orders: R1 to R3000, each with a stream in Sales
    // and one in Catering
    let session = session_with_random_orders(3_000);
    let expected: Vec<String> = (1..=3_000)
        .map(|n| format!("R{n}"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for budget in 1..=7 {
        // When the index reads at most `budget` streams a call
        let mut index = OrderIndex::default();
        let mut calls = 1;
        while !index.refresh_at_most(&session, budget) {
            calls += 1;
            assert!(calls <= 9_000, "the index never finished");
        }
        // Then it took as many calls as the work needs (6 000 streams read,
        // 3 000 orders moved into place), and lists every order once, sorted
        assert_eq!(calls, 9_000_usize.div_ceil(budget), "budget {budget}");
        assert_eq!(index.orders(), expected.as_slice(), "budget {budget}");
    }
}

#[wasm_bindgen_test]
fn a_new_order_goes_into_its_place_in_a_list_already_built() {
    let session = session_with_random_orders(50);
    let mut index = OrderIndex::default();
    index.refresh(&session);
    session
        .borrow_mut()
        .perform(Action::Fire {
            fact: Fact::customer_confirmed("R25a", "1").expect("id"),
        })
        .expect("fired");
    index.refresh(&session);
    let orders = index.orders();
    assert_eq!(orders.len(), 51);
    let at = orders.iter().position(|o| o == "R25a").expect("listed");
    assert_eq!(
        (orders[at - 1].as_str(), orders[at + 1].as_str()),
        ("R25", "R26")
    );
}
