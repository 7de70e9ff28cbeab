//! Names stored in each event (its context, stream and type), without a
//! `String` per event.
//!
//! Every recorded event names its context, its stream and its type. A
//! context or a type is named by thousands of events: they share one
//! allocation. A stream is most often named by one or two events, and its
//! name is short (`Order$12345`): it is kept inline (a [`ShortKey`]), so
//! creating a stream allocates nothing and copying its name into an event
//! is a copy of 24 bytes. All of them read and compare like strings.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ShortKey;

/// A name, cheap to clone; compares equal to `&str` and `String`. Counted
/// by an `Rc`: the store is used from one thread (its handlers are not
/// `Send`), and an atomic count stalls every append until its writes land.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedName(Rc<str>);

/// The name of a context.
pub type ContextName = SharedName;
/// The name of a stream.
pub type StreamName = ShortKey;
/// The stored type name of an event, e.g. `CatererConfirmedMenu`.
pub type EventType = SharedName;

impl SharedName {
    pub fn new(name: &str) -> Self {
        SharedName(Rc::from(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedName {
    fn from(name: &str) -> Self {
        SharedName::new(name)
    }
}

impl From<String> for SharedName {
    fn from(name: String) -> Self {
        SharedName(Rc::from(name))
    }
}

impl From<SharedName> for String {
    fn from(name: SharedName) -> Self {
        name.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for SharedName {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedName {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedName {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedName> for &str {
    fn eq(&self, other: &SharedName) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<SharedName> for String {
    fn eq(&self, other: &SharedName) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for SharedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SharedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for SharedName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SharedName::from)
    }
}
