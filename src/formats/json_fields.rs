//! Reading the fields of a parsed JSON object strictly, with messages that
//! name the object and the field: `the "start" of span 1 is not a whole
//! number`. Used where a record must be whole (stored sessions, schemas);
//! the importers read leniently and report problems instead.

use serde_json::{Map, Value};

/// A JSON object being read, called `what` in messages.
pub(crate) struct Record<'a> {
    fields: &'a Map<String, Value>,
    pub what: String,
}

impl<'a> Record<'a> {
    pub fn of(value: &'a Value, what: String) -> Result<Self, String> {
        match value.as_object() {
            Some(fields) => Ok(Record { fields, what }),
            None => Err(format!("{what} is not a JSON object")),
        }
    }

    /// The field, unless it is missing or null.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.fields.get(name).filter(|value| !value.is_null())
    }

    pub fn missing(&self, name: &str) -> String {
        format!("{} has no \"{name}\"", self.what)
    }

    pub fn wrong(&self, name: &str, expected: &str) -> String {
        format!("the \"{name}\" of {} is not {expected}", self.what)
    }

    pub fn text(&self, name: &str) -> Result<String, String> {
        self.optional_text(name)?.ok_or_else(|| self.missing(name))
    }

    pub fn optional_text(&self, name: &str) -> Result<Option<String>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(self.wrong(name, "text")),
        }
    }

    /// A whole number that fits `T` (`usize`, `u32` or `u64`).
    pub fn whole<T: TryFrom<u64>>(&self, name: &str) -> Result<T, String> {
        let value = self.get(name).ok_or_else(|| self.missing(name))?;
        value.as_u64().and_then(|n| T::try_from(n).ok()).ok_or_else(|| self.wrong(name, "a whole number in range"))
    }

    pub fn list(&self, name: &str) -> Result<&'a [Value], String> {
        match self.get(name) {
            None => Err(self.missing(name)),
            Some(_) => self.optional_list(name),
        }
    }

    /// The list, or no items when the field is missing.
    pub fn optional_list(&self, name: &str) -> Result<&'a [Value], String> {
        match self.get(name) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(self.wrong(name, "a list")),
        }
    }
}
