//! Every test file on the embedded store, the default, and the checks of what is generated
//! from the code (completions, man pages, the OpenAPI document and a client of it).

/// The store every daemon in this module runs on.
pub const BACKEND: &str = "sled";

every_store!();

#[path = "client.rs"]
mod client;
#[path = "generated.rs"]
mod generated;
