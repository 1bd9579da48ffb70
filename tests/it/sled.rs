//! Every test file on the embedded store, the default, and the checks of what is generated
//! from the code (completions, man pages, the OpenAPI document and a client of it).

/// The store every daemon in this module runs on.
pub const BACKEND: &str = "sled";

#[path = "api.rs"]
mod api;
#[path = "cli.rs"]
mod cli;
#[path = "client.rs"]
mod client;
#[path = "console.rs"]
mod console;
#[path = "contract.rs"]
mod contract;
#[path = "crash.rs"]
mod crash;
#[path = "daemon_process.rs"]
mod daemon_process;
#[path = "egress.rs"]
mod egress;
#[path = "endpoints.rs"]
mod endpoints;
#[path = "events.rs"]
mod events;
#[path = "generated.rs"]
mod generated;
#[path = "hardening.rs"]
mod hardening;
#[path = "idempotency.rs"]
mod idempotency;
#[path = "ingress.rs"]
mod ingress;
#[path = "projects.rs"]
mod projects;
#[path = "recordings.rs"]
mod recordings;
#[path = "rules.rs"]
mod rules;
#[path = "support/mod.rs"]
pub mod support;
#[path = "usage.rs"]
mod usage;
#[path = "webhooks.rs"]
mod webhooks;
#[path = "webhooks_cli.rs"]
mod webhooks_cli;
