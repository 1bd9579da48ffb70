//! Every test file again on PostgreSQL, and the drills only a shared store has: several
//! daemons on one database (`cluster`), `pulse store copy` between the two stores (`copy`).

/// The store every daemon in this module runs on.
pub const BACKEND: &str = "postgres";

#[path = "api.rs"]
mod api;
#[path = "cli.rs"]
mod cli;
#[path = "cluster.rs"]
mod cluster;
#[path = "console.rs"]
mod console;
#[path = "contract.rs"]
mod contract;
#[path = "copy.rs"]
mod copy;
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
