//! Support for `store_model.rs`: the reference model, the operations and
//! the agreement check.

pub mod agreement;
pub mod operations;
pub mod reference;

/// Contexts used by the operations; Kitchen is never added to the store.
pub const CONTEXTS: [&str; 3] = ["Sales", "Catering", "Kitchen"];
/// Stream names used by the operations; the last one is blank.
pub const STREAMS: [&str; 5] = ["Order$1", "Order$2", "CateringMatch$1", "Match$2", " "];
/// Event types used by the operations.
pub const TYPES: [&str; 2] = ["CustomerConfirmedMenu", "CatererConfirmedMenu"];
