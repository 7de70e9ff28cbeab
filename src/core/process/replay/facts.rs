//! One stored event as a menu fact: its kind from the type name, its order
//! and menu ids read in place from the data's JSON text and checked like
//! typed ids ([`canonical_id`]).

use std::borrow::Cow;
use std::ops::Range;

use super::merge::Source;
use super::usual::usual_ids;
use crate::core::domain::typed_ids::canonical_id;
use crate::core::process::catering_match::MenuFact;
use crate::core::process::match_state::MenuFactKind;
use crate::core::store::RecordedEvent;

/// What one event says to the catering match.
pub(super) enum Reading<'a> {
    /// Not one of the three facts: another type.
    Other,
    /// A fact whose order or menu id is missing or not a valid id.
    Unreadable,
    /// A fact of the usual shape: its data's text and where its (valid)
    /// ids are in it.
    Usual {
        kind: MenuFactKind,
        text: &'a str,
        order: Range<usize>,
        menu: Range<usize>,
    },
    /// A fact of any other shape, with its ids checked and trimmed.
    Fact {
        kind: MenuFactKind,
        order: Cow<'a, str>,
        menu: Cow<'a, str>,
    },
}

/// Reads events; remembers the last type name of each log.
#[derive(Default)]
pub(super) struct FactReader<'a> {
    /// A log shares one type name among its events of that type, so the
    /// next event's name is usually the very same string: recognised by
    /// its address and length, it is not compared again.
    last_types: [Option<(&'a str, Option<MenuFactKind>)>; 2],
}

impl<'a> FactReader<'a> {
    /// What `event`, from the log `source`, says.
    #[inline(always)]
    pub(super) fn read(&mut self, event: &'a RecordedEvent, source: Source) -> Reading<'a> {
        let Some(kind) = self.kind(event.event_type.as_str(), source) else {
            return Reading::Other;
        };
        let text = event.data.as_json();
        if let Some((order, menu)) = usual_ids(text.as_bytes()) {
            return Reading::Usual {
                kind,
                text,
                order,
                menu,
            };
        }
        let [order, menu] = event.data.text_field_pair("order_id", "menu_id");
        match (canonical(order), canonical(menu)) {
            (Some(order), Some(menu)) => Reading::Fact { kind, order, menu },
            _ => Reading::Unreadable,
        }
    }

    /// The fact a type name states, if any.
    #[inline]
    fn kind(&mut self, name: &'a str, source: Source) -> Option<MenuFactKind> {
        let [first, second] = &mut self.last_types;
        let last = match source {
            Source::First => first,
            Source::Second => second,
        };
        match last {
            Some((last_name, kind)) if std::ptr::eq(*last_name, name) => *kind,
            _ => {
                let kind = MenuFact::kind_of(name);
                *last = Some((name, kind));
                kind
            }
        }
    }
}

/// The first and last bytes of the data of `event` (XOR-ed), read only to
/// start loading it: each event's JSON text is a small allocation of its
/// own, one or two cache lines away from anything else read, and handling
/// events one by one would wait for each text in turn. The merge touches a
/// window of events together, so that those waits overlap.
#[inline(always)]
pub(super) fn touch_data(event: &RecordedEvent) -> u8 {
    let bytes = event.data.as_json().as_bytes();
    let first = bytes.first().copied().unwrap_or_default();
    first ^ bytes.last().copied().unwrap_or_default()
}

/// A field's text trimmed and checked like a typed id; `None` if missing or
/// not a valid id.
#[inline]
fn canonical(text: Option<Cow<'_, str>>) -> Option<Cow<'_, str>> {
    match text? {
        Cow::Borrowed(text) => canonical_id(text).map(Cow::Borrowed),
        Cow::Owned(text) => canonical_id(&text).map(|id| Cow::Owned(id.to_owned())),
    }
}
