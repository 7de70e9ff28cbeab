//! The name of a context as stored in each event: shared, not copied.
//!
//! Every recorded event names its context. Sharing one allocation per
//! context (instead of a `String` per event) keeps appends cheap; the type
//! still reads and compares like a string.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A context's name, cheap to clone; compares equal to `&str` and `String`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContextName(Arc<str>);

impl ContextName {
    pub fn new(name: &str) -> Self {
        ContextName(Arc::from(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for ContextName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ContextName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for ContextName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ContextName {
    fn from(name: &str) -> Self {
        ContextName::new(name)
    }
}

impl From<String> for ContextName {
    fn from(name: String) -> Self {
        ContextName(Arc::from(name))
    }
}

impl From<ContextName> for String {
    fn from(name: ContextName) -> Self {
        name.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for ContextName {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for ContextName {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for ContextName {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<ContextName> for &str {
    fn eq(&self, other: &ContextName) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<ContextName> for String {
    fn eq(&self, other: &ContextName) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for ContextName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ContextName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for ContextName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ContextName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ContextName::from)
    }
}
