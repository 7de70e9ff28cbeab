//! The business examples the playground teaches with, in the business's own
//! words.
//!
//! - Catering: a customer and a caterer must both confirm the same menu of an
//!   order before the order can go on ([`catering`]).
//! - Conference: once enough participants have registered, rooms are
//!   allocated ([`conference`]).
//!
//! Events are plain Rust types that convert to and from the store's type
//! name + JSON form ([`crate::core::store::DomainEvent`]); [`Fact`] gathers
//! them so that specifications and the UI can handle any of them. Commands
//! are in [`commands`]. Ids typed by people are validated in [`typed_ids`].

pub mod catering;
pub mod commands;
pub mod conference;
pub mod crud;
pub mod fact;
mod id_chars;
pub mod typed_ids;

pub use catering::{
    CATERING, CatererConfirmedMenu, CatererDeclinedMenu, CustomerConfirmedMenu,
    ORDER_STREAM_PREFIX, OrderMenuData, SALES, order_stream,
};
pub use commands::{Command, Commands};
pub use conference::{ParticipantRegistered, REGISTRATIONS, conference_stream};
pub use fact::Fact;
pub use typed_ids::{ConferenceId, IdError, MAX_ID_LENGTH, MenuId, OrderId, ParticipantId};
