//! Typed ids: one type per kind of record, so a project id cannot be passed where an endpoint
//! id is meant. Each is a prefixed lowercase ULID (`prj_01jd…`); serialized as the bare string,
//! so stored records and the API read the same as before.

use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta] $name:ident = $prefix:literal;)*) => {$(
        #[$doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// What every id of this kind starts with, before its `_`.
            pub const PREFIX: &'static str = $prefix;

            /// A new id: time-sortable, so newest-first listing is a reverse key scan.
            pub fn mint() -> Self {
                $name(crate::util::new_id($prefix))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// From a stored or already-checked string: ids from requests are looked up, never
        /// trusted, so a malformed one simply finds nothing.
        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }
    )*};
}

typed_id! {
    /// A project (tenant).
    ProjectId = "prj";
    /// An egress, pulse's own id (LiveKit's `EG_…` stays a string).
    EgressId = "eg";
    /// An ingress, pulse's own id (LiveKit's `IN_…` stays a string).
    IngressId = "in";
    /// A webhook endpoint.
    EndpointId = "we";
    /// A recording rule.
    RuleId = "rul";
    /// An event as pulse forwards it.
    EventId = "evt";
    /// One delivery of an event to one endpoint (a webhook log).
    DeliveryId = "whl";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_mint_with_their_prefix_and_serialize_as_bare_strings() {
        let id = ProjectId::mint();
        assert!(id.starts_with("prj_"), "{id}");
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        let stored = postcard::to_allocvec(&id).unwrap();
        assert_eq!(stored, postcard::to_allocvec(&id.to_string()).unwrap(), "same bytes as a String");
        assert!(DeliveryId::mint() < DeliveryId::mint(), "time-sortable");
    }
}
