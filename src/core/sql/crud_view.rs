//! Lesson 8 in PostgreSQL: the table a table-centric system keeps instead
//! of events, changed by the CRUD statement of each catering fact fired
//! (`domain::crud::crud_statement`), so the lesson shows the statement
//! PostgreSQL actually ran and the row it left. A decline leaves
//! `caterer_confirmed = false`, the same row as no answer at all.
//!
//! The table sits beside the event store's tables and is not one of them:
//! the differential check and the exported script leave it out.

use super::literal;
use crate::core::domain::Fact;
use crate::core::domain::crud::crud_statement;
use crate::core::session::Action;

/// The table-centric system's one row per order and menu.
const CRUD_TABLE: &str = "CREATE TABLE IF NOT EXISTS catering_match (
  order_id text NOT NULL,
  menu_id text NOT NULL,
  customer_confirmed boolean NOT NULL DEFAULT false,
  caterer_confirmed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (order_id, menu_id)
)";

/// One catering fact as the table-centric system writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrudRun {
    /// The CRUD statement lesson 8 shows (an `UPDATE` of one row).
    pub statement: String,
    /// What is sent, in order: the table if missing, the order's row if
    /// missing, the statement, then the row read back as one text.
    pub to_run: [String; 4],
}

/// The CRUD statements of the catering facts `actions` fire one by one
/// (`Fire`; random orders are left out), in order.
pub fn crud_runs(actions: &[Action]) -> Vec<CrudRun> {
    actions
        .iter()
        .filter_map(|action| match action {
            Action::Fire { fact } => crud_run(fact),
            _ => None,
        })
        .collect()
}

/// `fact` as the table-centric system writes it (`None` for a fact that is
/// not about catering).
fn crud_run(fact: &Fact) -> Option<CrudRun> {
    let (order_id, menu_id) = match fact {
        Fact::CustomerConfirmedMenu(f) => (&f.order_id, &f.menu_id),
        Fact::CatererConfirmedMenu(f) => (&f.order_id, &f.menu_id),
        Fact::CatererDeclinedMenu(f) => (&f.order_id, &f.menu_id),
        Fact::ParticipantRegistered(_) => return None,
    };
    let (order, menu) = (
        literal::text(order_id.as_str()),
        literal::text(menu_id.as_str()),
    );
    let statement = crud_statement(fact);
    Some(CrudRun {
        to_run: [
            CRUD_TABLE.to_owned(),
            format!(
                "INSERT INTO catering_match (order_id, menu_id) VALUES ({order}, {menu}) ON CONFLICT DO NOTHING"
            ),
            statement.clone(),
            format!(
                "SELECT format('customer_confirmed = %s, caterer_confirmed = %s', \
                 customer_confirmed::text, caterer_confirmed::text) \
                 FROM catering_match WHERE order_id = {order} AND menu_id = {menu}"
            ),
        ],
        statement,
    })
}
