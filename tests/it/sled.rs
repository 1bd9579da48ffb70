//! Every test file on the embedded store, the default, and what runs on one store only: the
//! checks of what is generated from the code (completions, man pages, the OpenAPI document and
//! a client of it) and the browser console, whose page reads and writes through the API the
//! PostgreSQL half already runs (its links are signed tokens, not stored): a second Chromium
//! run there cost the suite ~15 s of CPU (a profile of it) and tested no other line of pulse.

/// The store every daemon in this module runs on.
pub const BACKEND: &str = "sled";

every_store!();

#[path = "support/browser.rs"]
mod browser;
#[path = "client.rs"]
mod client;
#[path = "console.rs"]
mod console;
#[path = "generated.rs"]
mod generated;
