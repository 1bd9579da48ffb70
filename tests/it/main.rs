//! End-to-end tests: the real `pulse` binary against the real daemon (in-process, 127.0.0.1:0)
//! and a fake LiveKit that speaks Twirp like livekit-server. One binary so they link once.

/// The store every daemon in this binary runs on (`tests/pg` runs the same modules on
/// PostgreSQL).
pub const BACKEND: &str = "sled";

mod api;
mod cli;
mod client;
mod console;
mod contract;
mod crash;
mod daemon_process;
mod egress;
mod endpoints;
mod events;
mod generated;
mod hardening;
mod idempotency;
mod ingress;
mod projects;
mod recordings;
mod rules;
mod support;
mod usage;
mod webhooks;
mod webhooks_cli;
