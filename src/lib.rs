//! pulse: a self-hosted, multi-tenant media control plane for LiveKit (`pulse daemon`) and the
//! command-line tool that drives it (every other `pulse` command).

pub mod api;
pub mod cli;
pub mod client;
pub mod config;
pub mod contexts;
pub mod core;
pub mod daemon;
pub mod dirs;
pub mod error;
pub mod ids;
pub mod jwt;
pub mod livekit;
pub mod media;
pub mod model;
pub mod objects;
pub mod output;
pub mod seal;
pub mod ssrf;
pub mod store;
pub mod util;
pub mod webhooks;
pub mod worker;

use std::time::Duration;

/// Installs rustls' ring provider for the process, once; every reqwest client needs it first.
/// ring rather than aws-lc-rs: aws-lc-sys would add ~40 s to every clean build.
pub fn install_tls_provider() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The one way pulse builds an HTTP client (CLI → control plane, daemon → LiveKit).
pub fn http_client(timeout: Duration) -> reqwest::Client {
    install_tls_provider();
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5))
        .user_agent(concat!("pulse/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("the TLS backend initializes")
}

/// An error and its causes on one line: reqwest's top-level message alone ("error sending
/// request") says nothing about *why*.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !out.contains(&s_text) {
            out.push_str(": ");
            out.push_str(&s_text);
        }
        source = s.source();
    }
    out
}

/// The innermost cause of an error, for messages people read: "Connection refused (os error
/// 111)" rather than reqwest's and hyper's wrappers around it.
pub fn root_cause(e: &dyn std::error::Error) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
